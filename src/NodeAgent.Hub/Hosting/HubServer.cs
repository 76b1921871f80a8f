using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using NodeAgent.Hub.Nodes;
using NodeAgent.Hub.Queries;

namespace NodeAgent.Hub.Hosting;

/// <summary>
/// The reference hub: Kestrel with the nodes' gRPC endpoint (HTTP/2, TLS, client certificate required and chained
/// to the node CA, then the allow-list) and the loopback admin endpoint. Used by <c>nodeagent-hub serve</c> and, in
/// process, by the tests.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private ListenOptions? _grpcListener;
    private ListenOptions? _adminListener;

    private HubServer()
    {
    }

    /// <summary>The node registry.</summary>
    public NodeRegistry Registry => _app.Services.GetRequiredService<NodeRegistry>();

    /// <summary>Sends queries and merges answers.</summary>
    public QueryCoordinator Coordinator => _app.Services.GetRequiredService<QueryCoordinator>();

    /// <summary>The nodes' port, once started (the bound one when 0 was configured).</summary>
    public int GrpcPort => _grpcListener!.IPEndPoint!.Port;

    /// <summary>The admin port, once started.</summary>
    public int AdminPort => _adminListener!.IPEndPoint!.Port;

    /// <summary>Validates the options and builds the hub; throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static HubServer Create(HubServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new HubServerOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(HubServerOptions.Section, typeof(HubServerOptions), validation.Failures);
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        logging?.Invoke(builder.Logging);
        builder.Services.AddRouting();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 16 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        var admission = new NodeAdmission(options.ClientCa!, options.AllowedNodes);
        builder.Services.AddSingleton(admission);
        builder.Services.AddSingleton<NodeRegistry>();
        builder.Services.AddSingleton<QueryCoordinator>();
        var (certificate, chain) = HubCertificates.Load(options);
        // Kestrel runs this when it starts; the listeners then carry the bound endpoints (port 0 resolved).
        var server = new HubServer();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
            {
                server._grpcListener = listen;
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ServerCertificateChain = chain,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (client, presented, _) => admission.ChainsToCa(client, presented),
                });
            });
            kestrel.Listen(IPAddress.Loopback, options.AdminPort, listen =>
            {
                server._adminListener = listen;
                listen.Protocols = HttpProtocols.Http1;
            });
        });
        var app = builder.Build();
        server._app = app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NodeAgent.Hub");
        app.MapGrpcService<FederationService>();
        app.MapAdmin(() => server.AdminPort, logger);
        app.Lifetime.ApplicationStopping.Register(() => server.Registry.CloseAll());
        app.Lifetime.ApplicationStarted.Register(() => HubLog.Listening(logger, server._grpcListener!.IPEndPoint!.ToString(), server._adminListener!.IPEndPoint!.ToString()));
        return server;
    }

    /// <summary>Binds and starts serving.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Stops serving (open node streams are cancelled).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Runs until the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _app.RunAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
