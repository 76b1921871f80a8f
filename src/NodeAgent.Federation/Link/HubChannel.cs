using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Grpc.Net.Client;

namespace NodeAgent.Federation.Link;

/// <summary>
/// The one outbound HTTP/2 + TLS channel to the hub: the client certificate (mTLS), the hub trusted through
/// <see cref="HubTrust"/>, an optional HTTP proxy (CONNECT tunnel), and HTTP/2 keep-alive pings so a dead path is
/// noticed without waiting for TCP.
/// </summary>
internal static class HubChannel
{
    public static GrpcChannel Create(HubOptions options, HubTrust trust)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = ClientCertificate.Load(options.ClientCertificate!, options.ClientKey, options.CertificatePassword),
                RemoteCertificateValidationCallback = trust.Validate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            },
            ConnectTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
            UseProxy = !string.IsNullOrWhiteSpace(options.Proxy),
            Proxy = string.IsNullOrWhiteSpace(options.Proxy) ? null : new WebProxy(new Uri(options.Proxy)),
        };
        // An HttpClient of our own rather than HttpHandler: that keeps Grpc.Net.Client's client-side balancer out,
        // which cannot work through a proxy ("Unable to get subchannel", grpc/grpc-dotnet#2254) and which one hub
        // address does not need. No client timeout: the stream is meant to stay open for days.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return GrpcChannel.ForAddress(options.Address!, new GrpcChannelOptions
        {
            HttpClient = http,
            DisposeHttpClient = true,
            // Our own cancellation (stopping) surfaces as OperationCanceledException, never as a retryable RpcException.
            ThrowOperationCanceledOnCancellation = true,
            MaxReceiveMessageSize = 4 * 1024 * 1024,
            MaxSendMessageSize = 16 * 1024 * 1024,
        });
    }
}
