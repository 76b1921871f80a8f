using System.Net;
using NodeAgent.Dicom.Network;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// A real <see cref="DicomServer"/> on 127.0.0.1 and a free port, storing into a <see cref="DirectoryStoreHandler"/>
/// in a temp directory, logging to a <see cref="ListLogger"/>, with DCMTK's echoscu and storescu pointed at it.
/// </summary>
internal sealed class ScpHost : IAsyncDisposable
{
    public const string AeTitle = "NODEAGENT";

    /// <summary>The longest any one peer process may run.</summary>
    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private ScpHost(DicomServer server, TempDirectory directory, DirectoryStoreHandler handler, ListLogger log, AssociationRecorder associations)
    {
        Server = server;
        Directory = directory;
        Handler = handler;
        Log = log;
        Associations = associations;
    }

    public DicomServer Server { get; }

    public TempDirectory Directory { get; }

    public DirectoryStoreHandler Handler { get; }

    public ListLogger Log { get; }

    public AssociationRecorder Associations { get; }

    public IPEndPoint EndPoint => Server.EndPoint ?? throw new InvalidOperationException("The listener is not started.");

    public string Port => EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts a listener with test defaults (port 0, short drain), changed by <paramref name="configure"/>.</summary>
    /// <param name="configure">Changes to the test options.</param>
    /// <param name="refuse">Passed to <see cref="DirectoryStoreHandler.Refuse"/>.</param>
    /// <param name="handler">Another handler to serve with instead of the <see cref="DirectoryStoreHandler"/>.</param>
    public static async Task<ScpHost> StartAsync(Func<DicomServerOptions, DicomServerOptions>? configure = null,
        Func<StoreRequestContext, StoreResult?>? refuse = null, IStoreHandler? handler = null)
    {
        var options = new DicomServerOptions
        {
            AeTitle = AeTitle,
            BindAddress = IPAddress.Loopback,
            Port = 0,
            DrainTimeout = TimeSpan.FromSeconds(2),
            ArtimTimeout = TimeSpan.FromSeconds(10),
            IdleTimeout = TimeSpan.FromSeconds(20),
        };
        options = configure?.Invoke(options) ?? options;
        var directory = new TempDirectory("scp");
        var received = System.IO.Directory.CreateDirectory(directory.Combine("received")).FullName;
        var directoryHandler = new DirectoryStoreHandler(received) { Refuse = refuse };
        var log = new ListLogger();
        var associations = new AssociationRecorder();
        var server = new DicomServer(options, handler ?? directoryHandler, log, observer: associations);
        await server.StartAsync(CancellationToken.None);
        return new ScpHost(server, directory, directoryHandler, log, associations);
    }

    /// <summary>Runs echoscu against the listener.</summary>
    public Task<ProcessResult> EchoAsync(string callingAe = "ECHOSCU", string calledAe = AeTitle) =>
        ProcessRunner.RunAsync(Peers.Require("echoscu"), ["-v", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", Port], ProcessTimeout);

    /// <summary>Runs echoscu against the TLS port with the given TLS options (e.g. <c>+tla -ic</c>).</summary>
    public Task<ProcessResult> EchoTlsAsync(IEnumerable<string> tlsOptions, string callingAe = "ECHOSCU")
    {
        var port = (Server.TlsEndPoint ?? throw new InvalidOperationException("The listener has no TLS port.")).Port;
        return ProcessRunner.RunAsync(Peers.Require("echoscu"),
            ["-v", .. tlsOptions, "-aet", callingAe, "-aec", AeTitle, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ProcessTimeout);
    }

    /// <summary>Runs echoscu and fails the test unless it succeeds: the listener still serves.</summary>
    public async Task AssertStillServesAsync()
    {
        var echo = await EchoAsync();
        Assert.That(echo.ExitCode, Is.Zero, $"echoscu after the test failed:{Environment.NewLine}{echo.StdOut}{echo.StdErr}{Environment.NewLine}{Log.Dump()}");
    }

    /// <summary>Runs storescu with <paramref name="options"/> on <paramref name="files"/>.</summary>
    public Task<ProcessResult> StoreAsync(IEnumerable<string> options, string callingAe, params string[] files) =>
        ProcessRunner.RunAsync(Peers.Require("storescu"),
            ["-v", "+v", "-aet", callingAe, "-aec", AeTitle, .. options, "127.0.0.1", Port, .. files], ProcessTimeout);

    /// <summary>Waits until no association is being served (the count drops just after the observer hears of the end).</summary>
    public async Task WaitForIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Server.ActiveAssociations > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{Server.ActiveAssociations} associations still active after {timeout.TotalSeconds:0} s.{Environment.NewLine}{Log.Dump()}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Dispose();
    }
}
