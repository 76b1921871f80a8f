using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace NodeAgent.Testing;

/// <summary>Runs an external program (a peer such as dcmdump or storescu) to completion, with a hard timeout.</summary>
public static class ProcessRunner
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>How long to wait for a killed process tree to go away before giving up on it.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="args"/> (passed as an argument list, never through a shell),
    /// writes <paramref name="stdin"/> to its standard input and closes it (closed at once when null, so a program
    /// that reads stdin sees end of input rather than waiting), and reads standard output and error concurrently,
    /// so a program that writes a lot to both cannot deadlock against a full pipe.
    /// </summary>
    /// <param name="file">The program: a full path (see <see cref="Peers.Require"/>) or a name looked up on PATH.</param>
    /// <param name="args">The arguments, each passed verbatim.</param>
    /// <param name="timeout">How long the program may run; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="stdin">Text for standard input, encoded as UTF-8 without a byte order mark.</param>
    /// <param name="env">Environment variables to set or override for the child; the rest are inherited.</param>
    /// <param name="cancellationToken">Kills the process tree and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The exit code and the decoded output; a non-zero exit code is not an error here (see <see cref="ProcessResult.EnsureSuccess"/>).</returns>
    /// <exception cref="TimeoutException">The program ran longer than <paramref name="timeout"/>; it and its children were killed.</exception>
    /// <exception cref="InvalidOperationException">The program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> args,
        TimeSpan timeout,
        string? stdin = null,
        IDictionary<string, string>? env = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(args);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive or infinite.");
        }

        var arguments = args.ToList();
        var commandLine = FormatCommandLine(file, arguments);
        using var process = new Process { StartInfo = CreateStartInfo(file, arguments, env) };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot start `{commandLine}`: {exception.Message}", exception);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeout);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(stop.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(stop.Token);
        var stdinTask = WriteStandardInputAsync(process.StandardInput, stdin, stop.Token);
        try
        {
            await process.WaitForExitAsync(stop.Token);
            var stdout = await stdoutTask;
            var stderr = await stderrTask;
            await stdinTask;
            return new ProcessResult(process.ExitCode, stdout, stderr, commandLine, stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            KillTree(process);
            await ObserveAsync(stdoutTask, stderrTask, stdinTask);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0.###} s; it and its child processes were killed.");
        }
    }

    /// <summary>Spells a command the way a POSIX shell would read it back, quoting only where needed.</summary>
    public static string FormatCommandLine(string file, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(args);
        return string.Join(' ', args.Prepend(file).Select(Quote));
    }

    private static ProcessStartInfo CreateStartInfo(string file, List<string> arguments, IDictionary<string, string>? env)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static async Task WriteStandardInputAsync(StreamWriter writer, string? text, CancellationToken cancellationToken)
    {
        try
        {
            if (text is not null)
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }

            writer.Close();
        }
        catch (IOException)
        {
            // The program exited (or closed its stdin) without reading everything: a broken pipe.
            // Its exit code and output tell the caller what happened; the unread input does not.
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(KillGrace);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private static async Task ObserveAsync(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(KillGrace);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or TimeoutException or ObjectDisposedException)
        {
            // The run already failed with a timeout or cancellation; these are its echoes.
        }
    }

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal)))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
