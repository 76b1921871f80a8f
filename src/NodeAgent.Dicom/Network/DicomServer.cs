using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace NodeAgent.Dicom.Network;

/// <summary>
/// The DICOM listener: accepts connections on the plain port and, when configured, the DICOM TLS port
/// (PS3.15 Annex B.1), and serves each as an association. Stopping drains associations in flight up to the
/// drain timeout, then aborts the rest.
/// </summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly IStoreHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IAssociationObserver? _observer;
    private readonly ConcurrentDictionary<Task, bool> _associations = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private int _active;
    private bool _stopped;

    /// <summary>Creates a listener; nothing is bound until <see cref="StartAsync"/>.</summary>
    public DicomServer(DicomServerOptions options, IStoreHandler handler, ILogger logger, TimeProvider? time = null, IAssociationObserver? observer = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        _observer = observer;
    }

    /// <summary>The bound plain endpoint, once started.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The bound TLS endpoint, once started with TLS.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    /// <summary>Associations being served now.</summary>
    public int ActiveAssociations => Volatile.Read(ref _active);

    /// <summary>Binds the ports and starts accepting. Returns once both are bound, so readiness can be reported.</summary>
    /// <exception cref="SocketException">A port cannot be bound (in use, or privileged).</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EndPoint = Bind(_options.Port, tls: false);
        if (_options.TlsPort is { } tlsPort)
        {
            if (_options.TlsCertificate is null)
            {
                throw new InvalidOperationException("A TLS port needs a server certificate.");
            }

            TlsEndPoint = Bind(tlsPort, tls: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, waits for associations in flight up to the drain timeout, then aborts the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _stopped, true);
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        var pending = _associations.Keys.ToArray();
        if (pending.Length > 0)
        {
            NetworkLog.Draining(_logger, _options.DrainTimeout.TotalSeconds, pending.Length);
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            drain.CancelAfter(_options.DrainTimeout);
            try
            {
                await Task.WhenAll(pending).WaitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await _stopping.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(pending).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private IPEndPoint Bind(int port, bool tls)
    {
        var listener = new TcpListener(_options.BindAddress, port);
        listener.Server.NoDelay = true;
        listener.Start(backlog: 128);
        _listeners.Add(listener);
        var endPoint = (IPEndPoint)listener.LocalEndpoint;
        NetworkLog.Listening(_logger, endPoint, _options.AeTitle, tls ? " (TLS)" : "");
        _acceptLoops.Add(AcceptLoopAsync(listener, tls));
        return endPoint;
    }

    private async Task AcceptLoopAsync(TcpListener listener, bool tls)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                return;
            }
            catch (InvalidOperationException) when (Volatile.Read(ref _stopped))
            {
                // StopAsync stopped the listener while this loop was between two accepts (it had just accepted a
                // connection): the next AcceptSocketAsync says "Not listening". Found by the notify test's probe.
                return;
            }
            catch (SocketException e)
            {
                // A transient fault (e.g. out of file descriptors) must not stop the listener for good.
                NetworkLog.AcceptFailed(_logger, e.SocketErrorCode.ToString(), e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            // With Nagle on, a delayed ACK stalls every C-STORE response by ~40 ms.
            socket.NoDelay = true;
            var overLimit = Interlocked.Increment(ref _active) > _options.MaxAssociations;
            var association = ServeAsync(socket, tls, overLimit);
            _associations.TryAdd(association, true);
            _ = association.ContinueWith(done => _associations.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, bool tls, bool overLimit)
    {
        await Task.Yield();
        var peer = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        var started = _time.GetTimestamp();
        AssociationSummary? summary = null;
        var outcome = (Kind: AssociationOutcome.ConnectionLost, Text: "connection failed", RejectReason: (string?)null);
        try
        {
            _observer?.OnConnected();
            await using var network = new NetworkStream(socket, ownsSocket: true);
            Stream stream = network;
            if (tls)
            {
                var secure = await AuthenticateAsync(network, peer).ConfigureAwait(false);
                if (secure is null)
                {
                    outcome = (AssociationOutcome.Rejected, "rejected: the TLS handshake failed", "tls");
                    return;
                }

                stream = secure;
            }

            await using (stream.ConfigureAwait(false))
            {
                using var acceptor = new AssociationAcceptor(stream, peer, _options, _handler, _logger, _time, overLimit);
                summary = await acceptor.RunAsync(_stopping.Token).ConfigureAwait(false);
                // Reported before the connection is closed: closing can take a while when the peer stopped reading.
                _observer?.OnEnded(summary);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            outcome = (AssociationOutcome.ConnectionLost, $"connection failed: {e.Message}", null);
            NetworkLog.Aborted(_logger, "-", peer, outcome.Text);
        }
        catch (Exception e)
        {
            // A fault the acceptor did not turn into an A-ABORT is a bug; without this it would vanish as an
            // unobserved task exception, leaving no trace of the association. Other associations carry on.
            outcome = (AssociationOutcome.Aborted, $"failed: {e.Message}", null);
            NetworkLog.Failed(_logger, e, "-", peer);
        }
        finally
        {
            // Every connection the observer saw start is reported ended, even one that never became an association.
            if (summary is null)
            {
                _observer?.OnEnded(new AssociationSummary("-", peer, "", "", 0, 0, 0, 0, _time.GetElapsedTime(started), outcome.Text)
                {
                    Kind = outcome.Kind,
                    RejectReason = outcome.RejectReason,
                });
            }

            Interlocked.Decrement(ref _active);
        }
    }

    private async Task<SslStream?> AuthenticateAsync(NetworkStream network, IPAddress peer)
    {
        var secure = new SslStream(network, leaveInnerStreamOpen: true, ValidateClient);
        try
        {
            using var timeout = new CancellationTokenSource(_options.ArtimTimeout, _time);
            await secure.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _options.TlsCertificate,
                ClientCertificateRequired = _options.TlsClientAuthorities is not null,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, timeout.Token).ConfigureAwait(false);
            return secure;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            NetworkLog.TlsFailed(_logger, peer, e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
            await secure.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    private bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_options.TlsClientAuthorities is not { } authorities)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Hospital PKIs issue from intermediates: use the ones the client sent, and never fetch missing issuers.
        custom.ChainPolicy.DisableCertificateDownloads = true;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        using var presented = new X509Certificate2(certificate);
        return custom.Build(presented);
    }
}
