using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NodeAgent.Testing;

namespace NodeAgent.Tests.Support;

/// <summary>
/// DCMTK storescu sending files over one association with <c>-v</c>, read line by line while it runs: each
/// "Sending file" line names the file the next "Received Store Response (…)" line answers, so a test knows exactly
/// which instances the receiver acknowledged, also when the receiver dies half-way.
/// </summary>
public sealed partial class StorescuSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<StoreResponse> _responses = [];
    private readonly Lock _lock = new();
    private string? _sending;
    private int _successes;

    private StorescuSession(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>How many instances have been answered with Success so far.</summary>
    public int Successes => Volatile.Read(ref _successes);

    /// <summary>Everything storescu wrote.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts storescu (calling AE <c>E2E</c>) sending <paramref name="files"/> to 127.0.0.1:<paramref name="port"/>, with
    /// extra <paramref name="options"/> such as <c>-xw</c> (propose JPEG 2000, which storescu does not by default).
    /// </summary>
    public static StorescuSession Start(int port, IEnumerable<string> files, IEnumerable<string>? options = null, string calledAe = "NODEAGENT")
    {
        var start = new ProcessStartInfo(Peers.Require("storescu"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-v", "-aet", "E2E", "-aec", calledAe }.Concat(options ?? []).Concat(["127.0.0.1", port.ToString(CultureInfo.InvariantCulture)]).Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        // As in bench/ingest: Nagle's algorithm would stall each response by a delayed ACK.
        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("storescu did not start");
        process.StandardInput.Close();
        return new StorescuSession(process);
    }

    /// <summary>Sends the files, waits for storescu to end, and returns what it was answered.</summary>
    public static async Task<StorescuOutcome> SendAsync(int port, IEnumerable<string> files, TimeSpan timeout, IEnumerable<string>? options = null)
    {
        await using var session = Start(port, files, options);
        return await session.WaitForExitAsync(timeout);
    }

    /// <summary>Waits until <paramref name="count"/> instances were answered with Success; false when storescu ended first.</summary>
    public async Task<bool> WaitForSuccessesAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Successes < count)
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                return Successes >= count;
            }

            await Task.Delay(2);
        }

        return true;
    }

    /// <summary>Waits for storescu to end (killing it after <paramref name="timeout"/>) and returns its answers.</summary>
    public async Task<StorescuOutcome> WaitForExitAsync(TimeSpan timeout)
    {
        using (var limit = new CancellationTokenSource(timeout))
        {
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"storescu did not end within {timeout}:\n{Output}");
            }
        }

        // The asynchronous readers may still be delivering the last lines; WaitForExit() without a timeout waits for them.
        _process.WaitForExit();
        lock (_lock)
        {
            return new StorescuOutcome(_process.ExitCode, [.. _responses], Output);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        lock (_lock)
        {
            if (SendingFile().Match(line) is { Success: true } sending)
            {
                _sending = sending.Groups[1].Value;
            }
            else if (StoreResponse().Match(line) is { Success: true } response && _sending is not null)
            {
                var status = response.Groups[1].Value;
                _responses.Add(new StoreResponse(_sending, status));
                _sending = null;
                if (status == "Success")
                {
                    Interlocked.Increment(ref _successes);
                }
            }
        }
    }

    [GeneratedRegex(@"^I: Sending file: (.+)$")]
    private static partial Regex SendingFile();

    [GeneratedRegex(@"^I: Received Store Response \((.+)\)")]
    private static partial Regex StoreResponse();
}
