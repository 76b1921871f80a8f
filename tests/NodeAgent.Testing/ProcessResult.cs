namespace NodeAgent.Testing;

/// <summary>What a finished process left behind.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StdOut">Everything it wrote to standard output, decoded as UTF-8.</param>
/// <param name="StdErr">Everything it wrote to standard error, decoded as UTF-8.</param>
/// <param name="CommandLine">The command as a POSIX shell would spell it, for messages.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, string CommandLine, TimeSpan Elapsed)
{
    /// <summary>Returns this result when the exit code is 0; otherwise throws with the command line and its standard error.</summary>
    /// <exception cref="InvalidOperationException">The exit code is not 0.</exception>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{CommandLine}` exited with code {ExitCode}.{Environment.NewLine}stderr:{Environment.NewLine}{StdErr}");
        }

        return this;
    }
}
