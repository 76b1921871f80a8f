using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NodeAgent.Testing;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>
/// DCMTK's storescp as a real peer: started on a free port with <c>TCP_NODELAY=1</c>, writing what it receives to a
/// temporary directory, killed on dispose.
/// </summary>
internal sealed class StorescpPeer : IAsyncDisposable
{
    public const string AeTitle = "STORESCP";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly Task<ProcessResult> _run;
    private readonly TempDirectory _output;

    private StorescpPeer(int port, TempDirectory output, CancellationTokenSource stop, Task<ProcessResult> run)
    {
        Port = port;
        _output = output;
        _stop = stop;
        _run = run;
    }

    public int Port { get; }

    public string OutputDirectory => _output.Path;

    /// <summary>Starts <c>storescp -od DIR +xa -aet STORESCP [options] PORT</c> and waits until it accepts connections.</summary>
    public static async Task<StorescpPeer> StartAsync(params string[] options)
    {
        var storescp = NodeAgent.Testing.Peers.Require("storescp");
        var output = new TempDirectory("storescp");
        var port = FreePort();
        var stop = new CancellationTokenSource();
        string[] args = ["-od", output.Path, "+xa", "-aet", AeTitle, .. options, port.ToString(CultureInfo.InvariantCulture)];
        var run = ProcessRunner.RunAsync(storescp, args, TimeSpan.FromMinutes(5),
            env: new Dictionary<string, string> { ["TCP_NODELAY"] = "1" }, cancellationToken: stop.Token);
        var peer = new StorescpPeer(port, output, stop, run);
        try
        {
            await peer.WaitUntilListeningAsync();
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>The files storescp has written so far.</summary>
    public IReadOnlyList<string> ReceivedFiles() => Directory.GetFiles(_output.Path);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Killed on purpose.
        }

        _stop.Dispose();
        _output.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            if (_run.IsCompleted)
            {
                var result = await _run;
                throw new InvalidOperationException($"storescp exited with {result.ExitCode} before listening: {result.StdErr}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
