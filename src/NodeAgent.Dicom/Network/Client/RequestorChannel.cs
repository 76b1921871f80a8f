using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NodeAgent.Dicom.Network.Association;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// The requestor's transport and protocol machine: opens the TCP (and TLS) connection, moves PDUs with timeouts,
/// and keeps <see cref="AssociationStateMachine"/> in step with what is sent and received (PS3.8 Table 9-10).
/// </summary>
internal sealed class RequestorChannel : IAsyncDisposable
{
    private static readonly TimeSpan AbortSendLimit = TimeSpan.FromSeconds(2);

    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly int _maxReceive;
    private int _closed;

    private RequestorChannel(Stream stream, AssociationStateMachine machine, TimeProvider time, int maxReceive, bool isTls)
    {
        _stream = stream;
        Machine = machine;
        _time = time;
        _maxReceive = maxReceive;
        IsTls = isTls;
    }

    public AssociationStateMachine Machine { get; }

    public Stream Stream => _stream;

    public bool IsTls { get; }

    /// <summary>Connects (Evt1, Evt2): TCP with Nagle off, then TLS when configured, all within the connect timeout.</summary>
    /// <exception cref="DicomAssociationException">The connection or the TLS handshake failed.</exception>
    /// <exception cref="TimeoutException">They took longer than the connect timeout.</exception>
    public static async Task<RequestorChannel> OpenAsync(string host, int port, DicomClientOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var machine = new AssociationStateMachine(isRequestor: true);
        machine.Apply(AssociationEvent.LocalAssociateRequest);
        using var timer = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        Stream? stream = null;
        var connected = false;
        try
        {
            await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);

            // Without TCP_NODELAY a small PDU (a command, the last fragment) waits for the peer's delayed ACK, which caps
            // a C-STORE loop at a few dozen instances a second.
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is { } tls)
            {
                stream = await AuthenticateAsync(stream, host, tls, linked.Token).ConfigureAwait(false);
            }

            machine.Apply(AssociationEvent.TransportConnected);
            connected = true;
            return new RequestorChannel(stream, machine, time, (int)options.MaxPduLength, options.Tls is not null);
        }
        catch (OperationCanceledException e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Could not connect to {host}:{port} within {options.ConnectTimeout.TotalSeconds:0.#} s", e);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            throw new DicomAssociationException($"Could not connect to {host}:{port}: {e.Message}", e);
        }
        catch (AuthenticationException e)
        {
            throw new DicomAssociationException($"The TLS handshake with {host}:{port} failed: {e.Message}", e);
        }
        finally
        {
            if (!connected)
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }

                socket.Dispose();
            }
        }
    }

    /// <summary>Reads the next PDU; the caller disposes a <see cref="DataTransfer"/>.</summary>
    /// <exception cref="TimeoutException">Nothing whole arrived within <paramref name="timeout"/>.</exception>
    public async Task<Pdu?> ReceiveAsync(TimeSpan timeout, string waitingFor, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await PduReader.ReadAsync(_stream, _maxReceive, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No {waitingFor} within {timeout.TotalSeconds:0.#} s");
        }
    }

    public ValueTask SendAsync(Pdu pdu, CancellationToken cancellationToken) => PduWriter.WriteAsync(_stream, pdu, cancellationToken);

    /// <summary>Applies the event for a PDU that has no place where it arrived; returns the PS3.8 action (an abort, or ignore).</summary>
    public AssociationAction OnUnexpected(Pdu? pdu) => Machine.Apply(pdu switch
    {
        AssociateRequest => AssociationEvent.AssociateRequestReceived,
        AssociateAccept => AssociationEvent.AssociateAcceptReceived,
        AssociateReject => AssociationEvent.AssociateRejectReceived,
        DataTransfer => AssociationEvent.DataReceived,
        ReleaseRequest => AssociationEvent.ReleaseRequestReceived,
        ReleaseResponse => AssociationEvent.ReleaseResponseReceived,
        Abort => AssociationEvent.AbortReceived,
        null => AssociationEvent.TransportClosed,
        _ => AssociationEvent.InvalidPduReceived,
    });

    /// <summary>
    /// Ends the association with an A-ABORT unless it has ended already: a local abort (AA-1) from an established or
    /// releasing state, or the abort the machine already chose (AA-8, Sta13). Sending is best effort, bounded to two
    /// seconds; the connection is closed either way.
    /// </summary>
    public async Task AbortAsync(AbortSource source, AbortReason reason)
    {
        var send = Machine.State switch
        {
            AssociationState.Idle or AssociationState.AwaitingTransportConnection => false,
            AssociationState.AwaitingTransportClose => true,
            _ => Machine.Apply(AssociationEvent.LocalAbort) == AssociationAction.SendAbort,
        };

        if (send && Volatile.Read(ref _closed) == 0)
        {
            try
            {
                using var limit = new CancellationTokenSource(AbortSendLimit, _time);
                var pdu = new Abort(source, source == AbortSource.ServiceUser ? AbortReason.NotSpecified : reason);
                await PduWriter.WriteAsync(_stream, pdu, limit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException)
            {
                // The peer is gone already, or a write was cut off mid-PDU; closing the connection tells it as much.
            }
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the connection (AR-3, AA-2, AA-3/4, AA-5) and brings the machine back to Sta1.</summary>
    public async Task CloseAsync()
    {
        if (Machine.State != AssociationState.Idle)
        {
            Machine.Apply(AssociationEvent.TransportClosed);
        }

        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection without touching the machine: for a caller on another thread than the one using it.</summary>
    public async Task DropAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private static async Task<Stream> AuthenticateAsync(Stream network, string host, DicomClientTlsOptions tls, CancellationToken cancellationToken)
    {
        var secure = new SslStream(network, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = tls.TargetHost ?? host,
            EnabledSslProtocols = tls.Protocols,
            CertificateRevocationCheckMode = tls.RevocationMode,
        };

        if (tls.ClientCertificate is { } certificate)
        {
            // A context is sent whatever issuers the server lists, unlike a collection that SslStream may filter out.
            options.ClientCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null);
        }

        if (tls.TrustedAuthorities is { } authorities)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = tls.RevocationMode };
            policy.CustomTrustStore.AddRange(authorities);
            options.CertificateChainPolicy = policy;
        }

        try
        {
            await secure.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return secure;
        }
        catch
        {
            await secure.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
