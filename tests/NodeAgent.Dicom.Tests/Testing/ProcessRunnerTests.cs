using System.Diagnostics;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Testing;

[TestFixture]
[Platform("Linux,MacOsX")]
public sealed class ProcessRunnerTests
{
    private const string Shell = "/bin/sh";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task RunAsync_ProgramWritesMuchToBothStreams_ReadsBothWithoutDeadlock()
    {
        // Far beyond a pipe's 64 KiB buffer on each stream, written stdout first, then stderr.
        const string script = "head -c 3000000 /dev/zero | tr '\\0' o; head -c 2000000 /dev/zero | tr '\\0' e >&2; exit 3";

        var result = await ProcessRunner.RunAsync(Shell, ["-c", script], RunTimeout);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3));
            Assert.That(result.StdOut, Has.Length.EqualTo(3_000_000));
            Assert.That(result.StdErr, Has.Length.EqualTo(2_000_000));
            Assert.That(result.StdOut.Distinct(), Is.EqualTo((char[])['o']));
        });
    }

    [Test]
    public async Task RunAsync_WithStdinAndEnvironment_PassesBothToTheProgram()
    {
        var input = string.Concat(Enumerable.Repeat("zeile äöü €\n", 20_000));
        var env = new Dictionary<string, string> { ["NODEAGENT_TEST_VALUE"] = "x y" };

        var echoed = await ProcessRunner.RunAsync("cat", [], RunTimeout, stdin: input);
        var printed = await ProcessRunner.RunAsync(Shell, ["-c", "printf %s \"$NODEAGENT_TEST_VALUE\""], RunTimeout, env: env);

        Assert.That(echoed.StdOut, Is.EqualTo(input));
        Assert.That(printed.StdOut, Is.EqualTo("x y"));
    }

    [Test]
    public async Task RunAsync_NoStdin_ProgramReadingStdinSeesEndOfInput()
    {
        var result = await ProcessRunner.RunAsync("cat", [], TimeSpan.FromSeconds(20));

        Assert.That((result.ExitCode, result.StdOut), Is.EqualTo((0, "")));
    }

    [Test]
    public async Task RunAsync_ProgramOutlivesTimeout_KillsItsTreeAndThrowsWithCommandLine()
    {
        using var temp = new TempDirectory("runner");
        var pidFile = temp.Combine("child.pid");
        var stopwatch = Stopwatch.StartNew();

        var exception = Assert.ThrowsAsync<TimeoutException>(() => ProcessRunner.RunAsync(
            Shell, ["-c", $"sleep 300 & echo $! > '{pidFile}'; wait"], TimeSpan.FromSeconds(1)));

        Assert.That(exception.Message, Does.Contain("/bin/sh -c 'sleep 300 &"));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        var childPid = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(() => IsRunning(childPid), Is.False.After(5000, 100), "the grandchild 'sleep' was killed too");
    }

    [Test]
    public void RunAsync_Cancelled_KillsTheProgramAndThrowsCancellation()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(
            () => ProcessRunner.RunAsync("sleep", ["300"], RunTimeout, cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void RunAsync_ProgramDoesNotExist_ThrowsNamingIt()
    {
        var exception = Assert.ThrowsAsync<InvalidOperationException>(
            () => ProcessRunner.RunAsync("/nonexistent/nodeagent-tool", ["a"], RunTimeout));

        Assert.That(exception.Message, Does.Contain("/nonexistent/nodeagent-tool a"));
    }

    [Test]
    public async Task EnsureSuccess_NonZeroExit_ThrowsWithStandardError()
    {
        var result = await ProcessRunner.RunAsync(Shell, ["-c", "echo broken >&2; exit 2"], RunTimeout);

        var exception = Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
        Assert.That(exception.Message, Does.Contain("code 2").And.Contain("broken"));
    }

    [TestCase(new[] { "a", "b=c" }, "prog a b=c")]
    [TestCase(new[] { "two words", "it's", "" }, "prog 'two words' 'it'\\''s' ''")]
    public void FormatCommandLine_Arguments_QuotesOnlyWhereAShellNeedsIt(string[] args, string expected)
    {
        Assert.That(ProcessRunner.FormatCommandLine("prog", args), Is.EqualTo(expected));
    }

    private static bool IsRunning(int pid)
    {
        // A killed child that nobody reaped yet is a zombie ("Z" after the command name), not running.
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(')')[^1].Trim()[0] != 'Z';
    }
}
