using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NUnit.Framework;

namespace NodeAgent.Tests.Support;

/// <summary>
/// The real nodeagent executable in a child process, on a free port and its own data directory, isolated from
/// any machine configuration. Its output is kept for assertions; stopping sends SIGTERM as systemd would.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AgentProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string SpoolDirectory => Path.Combine(DataDirectory, "spool");

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "nodeagent.dll");

    /// <summary>Starts the agent and waits until its listener is bound.</summary>
    public static async Task<AgentProcess> StartAsync(string dataDirectory, IDictionary<string, string>? settings = null, int? port = null)
    {
        var agent = Launch(["run"], dataDirectory, settings, port ?? FreePort());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!agent.Output.Contains("DICOM listener on", StringComparison.Ordinal))
        {
            if (agent.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"nodeagent did not start listening:\n{agent.Output}");
            }

            await Task.Delay(50);
        }

        return agent;
    }

    /// <summary>Runs a verb to completion and returns its exit code; the output is in <see cref="Output"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IReadOnlyList<string> arguments, string dataDirectory, IDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        await using var agent = Launch(arguments, dataDirectory, settings, FreePort());
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await agent._process.WaitForExitAsync(limit.Token);
        return (agent._process.ExitCode, agent.Output);
    }

    /// <summary>Sends SIGTERM and waits for the process to end.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or power cut would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static AgentProcess Launch(IReadOnlyList<string> arguments, string dataDirectory, IDictionary<string, string>? settings, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODEAGENT_MACHINE_CONFIG"] = Path.Combine(dataDirectory, "no-machine-config.json");
        start.Environment["NodeAgent__Dicom__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NodeAgent__Storage__DataDirectory"] = Path.Combine(dataDirectory, "data");
        start.Environment["NodeAgent__Storage__MinimumFreeMegabytes"] = "16";
        start.Environment["NodeAgent__Storage__MinimumFreePercent"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        return new AgentProcess(process, port, Path.Combine(dataDirectory, "data"));
    }
}
