using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network.Association;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// An association we requested (the SCU side): C-ECHO and C-STORE over it, then release or abort, driven by the
/// PS3.8 protocol machine. Requests go one at a time, each waiting for its response (no asynchronous operations
/// window). A failure after a request has started to go out (a timeout, a cancellation, a protocol fault, a lost
/// connection) aborts the association, since the peer cannot tell where the message ended; failures found before
/// anything is sent (an unreadable file, no suitable presentation context) leave it usable.
/// </summary>
public sealed class DicomAssociation : IAsyncDisposable
{
    private readonly RequestorChannel _channel;
    private readonly PDataWriter _writer;
    private readonly DicomClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _peer;
    private readonly long _started;
    private ushort _nextMessageId = 1;
    private int _busy;
    private int _instances;
    private int _failures;
    private long _bytes;

    private DicomAssociation(RequestorChannel channel, uint peerMaxPduLength, IReadOnlyList<AcceptedPresentationContext> accepted,
        DicomClientOptions options, ILogger logger, TimeProvider time, string peer)
    {
        _channel = channel;
        _writer = new PDataWriter(channel.Stream, peerMaxPduLength);
        PeerMaxPduLength = peerMaxPduLength;
        AcceptedContexts = accepted;
        _options = options;
        _logger = logger;
        _time = time;
        _peer = peer;
        _started = time.GetTimestamp();
    }

    /// <summary>The presentation contexts the peer accepted, each with the transfer syntax it chose.</summary>
    public IReadOnlyList<AcceptedPresentationContext> AcceptedContexts { get; }

    /// <summary>The peer's Maximum Length (0: no limit); what we send is fragmented to fit it.</summary>
    public uint PeerMaxPduLength { get; }

    /// <summary>The protocol machine's state: <see cref="AssociationState.Established"/> while requests can be sent.</summary>
    public AssociationState State => _channel.Machine.State;

    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/> and requests an association with the proposed
    /// presentation contexts (build them with <see cref="ProposalBuilder"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The options or the proposal are invalid.</exception>
    /// <exception cref="AssociationRejectedException">The peer sent an A-ASSOCIATE-RJ.</exception>
    /// <exception cref="AssociationAbortedException">The peer sent an A-ABORT.</exception>
    /// <exception cref="DicomAssociationException">The connection or TLS failed, or the peer closed it.</exception>
    /// <exception cref="PduException">The peer's answer broke PS3.8; it was sent an A-ABORT.</exception>
    /// <exception cref="TimeoutException">The connection or the answer took longer than the options allow.</exception>
    public static Task<DicomAssociation> ConnectAsync(string host, int port, DicomClientOptions options,
        IReadOnlyList<PresentationContext> proposal, CancellationToken cancellationToken) =>
        ConnectAsync(host, port, options, proposal, NullLogger.Instance, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="ConnectAsync(string, int, DicomClientOptions, IReadOnlyList{PresentationContext}, CancellationToken)"/>
    /// <param name="host">The peer's host name or address.</param>
    /// <param name="port">The peer's port.</param>
    /// <param name="options">Who we are, whom we call, limits and timeouts.</param>
    /// <param name="proposal">The presentation contexts proposed: 1 to 128, odd distinct ids.</param>
    /// <param name="logger">Where association events go (no patient data is logged).</param>
    /// <param name="time">The clock for the timeouts.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static async Task<DicomAssociation> ConnectAsync(string host, int port, DicomClientOptions options,
        IReadOnlyList<PresentationContext> proposal, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        ProposalBuilder.Validate(proposal);

        var peer = $"{host}:{port}";
        var channel = await RequestorChannel.OpenAsync(host, port, options, time, cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new AssociateRequest(options.CalledAE, options.CallingAE, proposal, new UserInformation { MaximumLength = options.MaxPduLength });
            await channel.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var pdu = await channel.ReceiveAsync(options.ArtimTimeout, "A-ASSOCIATE-AC or -RJ", cancellationToken).ConfigureAwait(false);
            switch (pdu)
            {
                case AssociateAccept accept:
                    channel.Machine.Apply(AssociationEvent.AssociateAcceptReceived);
                    var accepted = AcceptedPresentationContext.Match(proposal, accept.PresentationContexts);
                    var peerMax = accept.UserInformation.MaximumLength;
                    if (peerMax is > 0 and <= PduLimits.PdvHeaderLength)
                    {
                        throw new PduException(AbortReason.InvalidPduParameterValue, PduType.AssociateAccept, null,
                            $"The peer's Maximum Length {peerMax} leaves no room for data (PS3.8 Annex D.1)");
                    }

                    ClientLog.Established(logger, peer, options.CallingAE, options.CalledAE, accepted.Count, proposal.Count, peerMax, channel.IsTls ? ", TLS" : "");
                    return new DicomAssociation(channel, peerMax, accepted, options, logger, time, peer);
                case AssociateReject reject:
                    channel.Machine.Apply(AssociationEvent.AssociateRejectReceived);
                    ClientLog.Rejected(logger, peer, options.CalledAE, reject.Result.ToString(), reject.Source.ToString(), reject.ReasonName);
                    await channel.CloseAsync().ConfigureAwait(false);
                    throw new AssociationRejectedException(reject, options.CalledAE);
                default:
                    throw await AssociationFailure.ReceivedOtherAsync(channel, pdu, "waiting for the A-ASSOCIATE-AC").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not AssociationRejectedException)
        {
            throw await AssociationFailure.FailAsync(channel, logger, peer, e, "requesting the association").ConfigureAwait(false);
        }
    }

    /// <summary>Sends a C-ECHO-RQ (PS3.7 §9.1.5) on the Verification context and waits for the response.</summary>
    /// <returns>The C-ECHO-RSP status.</returns>
    /// <exception cref="PresentationContextNotAcceptedException">Verification was not accepted; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The association is not established, or another request is in progress.</exception>
    public async Task<DimseStatus> EchoAsync(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            var context = AcceptedContexts.FirstOrDefault(c => c.AbstractSyntax == KnownUids.Verification)
                ?? throw new PresentationContextNotAcceptedException(KnownUids.Verification, TransferSyntax.ImplicitVRLittleEndian.Uid);
            var response = await ExchangeAsync(context.Id, DimseCommand.EchoRequest(NextMessageId()), DimseCommandField.CEchoResponse, "C-ECHO-RSP",
                static (_, _) => Task.FromResult(0L), cancellationToken).ConfigureAwait(false);
            return response.Status;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Sends the instance in a Part 10 file with a C-STORE-RQ (PS3.4 Annex B, PS3.7 §9.1.1) and waits for the response.
    /// The data set goes in the file's own transfer syntax, streamed from the file, when a context in that syntax was
    /// accepted; a native data set otherwise goes re-encoded in Explicit or Implicit VR Little Endian.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the store; once the request has started to go out, that aborts the association.</param>
    /// <returns>The peer's status, error comment and the instance UID sent.</returns>
    /// <exception cref="DicomFormatException">The file is not readable DICOM, or has no SOP Class or Instance UID; nothing was sent.</exception>
    /// <exception cref="PresentationContextNotAcceptedException">No accepted context fits the file; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The association is not established, or another request is in progress.</exception>
    public async Task<StoreResponse> StoreAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Enter();
        try
        {
            var file = DicomFile.Open(path);
            var sopClass = UidOf(file, new DicomTag(0x0008, 0x0016), new DicomTag(0x0002, 0x0002), "SOP Class UID");
            var sopInstance = UidOf(file, new DicomTag(0x0008, 0x0018), new DicomTag(0x0002, 0x0003), "SOP Instance UID");
            var plan = await StorePlanner.PlanAsync(file, path, sopClass, AcceptedContexts, cancellationToken).ConfigureAwait(false);
            var request = DimseCommand.StoreRequest(NextMessageId(), sopClass, sopInstance);
            var response = await ExchangeAsync(plan.Context.Id, request, DimseCommandField.CStoreResponse, "C-STORE-RSP",
                async (contextId, token) =>
                {
                    using var data = _writer.OpenDataStream(contextId);
                    var sent = await DataSetSender.SendAsync(data, file, path, plan, token).ConfigureAwait(false);
                    ClientLog.StoreSent(_logger, _peer, sent, plan.Syntax.Uid, plan.Mode);
                    return sent;
                },
                cancellationToken).ConfigureAwait(false);

            _instances++;
            if (response.Status.IsFailure)
            {
                _failures++;
                ClientLog.StoreNotStored(_logger, _peer, response.Status.ToString());
            }

            return new StoreResponse(response.Status, response.ErrorComment, sopInstance);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Releases the association (A-RELEASE-RQ/RP, PS3.8 §7.2) and closes the connection. A release collision (the peer
    /// asking at the same time) is resolved as the requestor must (PS3.8 §9.2.3). Does nothing when the association
    /// has ended already.
    /// </summary>
    /// <exception cref="AssociationAbortedException">The peer answered with an A-ABORT.</exception>
    /// <exception cref="TimeoutException">No A-RELEASE-RP within the ARTIM timeout; the association was aborted.</exception>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (State == AssociationState.Idle)
        {
            return;
        }

        Enter();
        try
        {
            await ReleaseExchange.RunAsync(_channel, _options.ArtimTimeout, cancellationToken).ConfigureAwait(false);
            ClientLog.Released(_logger, _peer, _instances, _failures, _bytes, (long)_time.GetElapsedTime(_started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            throw await AssociationFailure.FailAsync(_channel, _logger, _peer, e, "releasing").ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Aborts the association (A-ABORT, source service-user) and closes the connection; does nothing if it has ended.
    /// While a request is being sent, an A-ABORT could land inside its PDU: the connection is then dropped instead,
    /// and the request fails.
    /// </summary>
    public async Task AbortAsync()
    {
        if (Volatile.Read(ref _busy) == 1)
        {
            ClientLog.Aborted(_logger, _peer, "connection dropped locally during a request");
            await _channel.DropAsync().ConfigureAwait(false);
            return;
        }

        if (State == AssociationState.Idle)
        {
            return;
        }

        ClientLog.Aborted(_logger, _peer, "aborted locally");
        await _channel.AbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified).ConfigureAwait(false);
    }

    /// <summary>Aborts the association unless it was released, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        await _channel.DropAsync().ConfigureAwait(false);
    }

    private async Task<DimseCommand> ExchangeAsync(byte contextId, DimseCommand request, DimseCommandField expected, string responseName,
        Func<byte, CancellationToken, Task<long>> sendDataSet, CancellationToken cancellationToken)
    {
        try
        {
            _channel.Machine.Apply(AssociationEvent.LocalData);
            await _writer.WriteMessageAsync(contextId, isCommand: true, request.Encode(), cancellationToken).ConfigureAwait(false);
            _bytes += await sendDataSet(contextId, cancellationToken).ConfigureAwait(false);
            return await ResponseReader.ReadAsync(_channel, contextId, request.MessageId, expected, responseName, _options.DimseTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw await AssociationFailure.FailAsync(_channel, _logger, _peer, e, $"sending a request or waiting for its {responseName}").ConfigureAwait(false);
        }
    }

    private static string UidOf(DicomFile file, DicomTag datasetTag, DicomTag metaTag, string name)
    {
        var value = file.Dataset.GetString(datasetTag);
        if (string.IsNullOrEmpty(value))
        {
            value = file.FileMetaInformation.GetString(metaTag);
        }

        return string.IsNullOrEmpty(value) ? throw new DicomFormatException($"The file has no {name} {datasetTag}; it cannot be sent") : value;
    }

    private ushort NextMessageId()
    {
        var id = _nextMessageId;
        _nextMessageId = id == ushort.MaxValue ? (ushort)1 : (ushort)(id + 1);
        return id;
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("Another request is in progress on this association; requests go one at a time.");
        }

        if (State != AssociationState.Established)
        {
            Volatile.Write(ref _busy, 0);
            throw new InvalidOperationException($"The association is not established (state {State}).");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);
}
