using System.Net;
using Microsoft.Extensions.Logging;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network.Association;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network;

/// <summary>
/// Serves one association as SCP: A-ASSOCIATE negotiation, C-ECHO, C-STORE with the data set streamed into the
/// handler's sink, release and abort, driven by the PS3.8 protocol machine. Every protocol fault ends in an
/// A-ABORT (or A-ASSOCIATE-RJ) with its reason and a log line naming the peer.
/// </summary>
internal sealed class AssociationAcceptor : IDisposable
{
    private const int MaxCommandLength = 64 * 1024;
    private const int MaxPresentationContexts = 128;

    private readonly Stream _stream;
    private readonly IPAddress _peer;
    private readonly DicomServerOptions _options;
    private readonly IStoreHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _overLimit;
    private readonly AssociationStateMachine _machine = new(isRequestor: false);
    private readonly Dictionary<byte, (string AbstractSyntax, TransferSyntax Syntax)> _contexts = [];
    private readonly MemoryStream _command = new();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private PDataWriter? _writer;
    private PendingStore? _store;
    private string _callingAE = "";
    private string _calledAE = "";
    private int _instances;
    private int _failures;
    private long _bytes;
    private string? _rejectReason;

    public AssociationAcceptor(Stream stream, IPAddress peer, DicomServerOptions options, IStoreHandler handler, ILogger logger, TimeProvider time, bool overLimit)
    {
        _stream = stream;
        _peer = peer;
        _options = options;
        _handler = handler;
        _logger = logger;
        _time = time;
        _overLimit = overLimit;
    }

    public async Task<AssociationSummary> RunAsync(CancellationToken stopping)
    {
        var started = _time.GetTimestamp();
        var outcome = "released";
        var kind = AssociationOutcome.Released;
        try
        {
            _machine.Apply(AssociationEvent.TransportIndication);
            if (await NegotiateAsync(stopping).ConfigureAwait(false))
            {
                outcome = await ServeAsync(stopping).ConfigureAwait(false);
                kind = outcome switch
                {
                    "released" => AssociationOutcome.Released,
                    _ when outcome.StartsWith("aborted by peer", StringComparison.Ordinal) => AssociationOutcome.AbortedByPeer,
                    _ => AssociationOutcome.ConnectionLost,
                };
            }
            else
            {
                outcome = "rejected";
                kind = AssociationOutcome.Rejected;
            }
        }
        catch (PduException e)
        {
            kind = AssociationOutcome.Aborted;
            outcome = $"aborted: {e.Message}";
            NetworkLog.Aborted(_logger, _id, _peer, e.Message);
            await TrySendAbortAsync(e.AbortReason).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            kind = AssociationOutcome.Aborted;
            outcome = $"aborted: {e.Message}";
            NetworkLog.Aborted(_logger, _id, _peer, e.Message);
            await TrySendAbortAsync(AbortReason.NotSpecified).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            kind = AssociationOutcome.Aborted;
            outcome = "aborted: the listener is stopping";
            NetworkLog.Aborted(_logger, _id, _peer, "the listener is stopping");
            await TrySendAbortAsync(AbortReason.NotSpecified).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            kind = AssociationOutcome.ConnectionLost;
            outcome = $"connection lost: {e.Message}";
            NetworkLog.Aborted(_logger, _id, _peer, $"connection lost: {e.Message}");
        }
        catch (Exception e) when (e is DicomException or InvalidOperationException)
        {
            kind = AssociationOutcome.Aborted;
            outcome = $"aborted: {e.Message}";
            NetworkLog.Failed(_logger, e, _id, _peer);
            await TrySendAbortAsync(AbortReason.NotSpecified).ConfigureAwait(false);
        }
        finally
        {
            if (_store is { Sink: { } sink })
            {
                // The data set never arrived whole: the sink removes what it wrote, and nothing was acknowledged.
                await sink.DisposeAsync().ConfigureAwait(false);
                _store = null;
            }
        }

        var summary = new AssociationSummary(_id, _peer, _callingAE, _calledAE, _contexts.Count, _instances, _failures, _bytes,
            _time.GetElapsedTime(started), outcome)
        {
            Kind = kind,
            RejectReason = kind == AssociationOutcome.Rejected ? _rejectReason : null,
        };
        NetworkLog.AssociationEnded(_logger, _id, _peer, summary.CallingAE, summary.CalledAE, summary.AcceptedContexts,
            summary.Instances, summary.Failures, summary.Bytes, (long)summary.Duration.TotalMilliseconds, outcome);
        return summary;
    }

    private async Task<bool> NegotiateAsync(CancellationToken stopping)
    {
        var pdu = await ReceiveAsync(_options.ArtimTimeout, "no A-ASSOCIATE-RQ within the ARTIM timeout", stopping).ConfigureAwait(false);
        if (pdu is not AssociateRequest request)
        {
            OnUnexpected(pdu);
            throw new PduException(AbortReason.UnexpectedPdu, pdu?.Type, null, $"expected A-ASSOCIATE-RQ but received {Describe(pdu)}");
        }

        _machine.Apply(AssociationEvent.AssociateRequestReceived);
        _callingAE = Printable(request.CallingAE);
        _calledAE = Printable(request.CalledAE);
        var rejection = Judge(request);
        if (rejection is not null)
        {
            _machine.Apply(AssociationEvent.LocalReject);
            _rejectReason = rejection.Value.Code;
            NetworkLog.Rejected(_logger, _id, _peer, rejection.Value.Reason);
            await PduWriter.WriteAsync(_stream, rejection.Value.Pdu, stopping).ConfigureAwait(false);
            return false;
        }

        var results = PresentationContextNegotiator.Negotiate(request.PresentationContexts, _options.AbstractSyntaxes, _options.TransferSyntaxPreference);
        foreach (var result in results.Where(r => r.IsAccepted))
        {
            var proposed = request.PresentationContexts.First(c => c.Id == result.Id);
            _contexts[result.Id] = (proposed.AbstractSyntax, TransferSyntax.Lookup(result.TransferSyntax));
        }

        _writer = new PDataWriter(_stream, request.UserInformation.MaximumLength);
        _machine.Apply(AssociationEvent.LocalAccept);
        var accept = new AssociateAccept(request.CalledAE, request.CallingAE, results, AcceptedUserInformation(request.UserInformation))
        {
            ApplicationContextName = request.ApplicationContextName,
        };
        await PduWriter.WriteAsync(_stream, accept, stopping).ConfigureAwait(false);
        return true;
    }

    /// <summary>Why a request is refused: the A-ASSOCIATE-RJ, the reason for the log, and a short code for metrics.</summary>
    private (AssociateReject Pdu, string Reason, string Code)? Judge(AssociateRequest request)
    {
        if (_overLimit)
        {
            return (AssociateReject.Create(AssociateRejectResult.Transient, PresentationRejectReason.LocalLimitExceeded),
                $"{_options.MaxAssociations} associations are already open", "limit");
        }

        // Version 1 is bit 0; a receiver implementing only it tests only that bit (PS3.8 §9.3.2).
        if ((request.ProtocolVersion & 1) == 0)
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, AcseRejectReason.ProtocolVersionNotSupported),
                $"protocol version bits {request.ProtocolVersion:X4} do not include version 1", "protocol");
        }

        if (request.ApplicationContextName != KnownUids.ApplicationContext)
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.ApplicationContextNameNotSupported),
                $"application context {request.ApplicationContextName} is not DICOM's", "protocol");
        }

        if (!string.Equals(request.CalledAE.Trim(), _options.AeTitle.Trim(), StringComparison.Ordinal))
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.CalledAETitleNotRecognized),
                $"called AE '{_calledAE}' is not ours ('{_options.AeTitle}')", "called-ae");
        }

        // Decoded titles are not checked (AeTitle.IsValid); one we could not echo in the A-ASSOCIATE-AC is refused here.
        if (!AeTitle.IsValid(request.CallingAE))
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.CallingAETitleNotRecognized),
                $"calling AE '{_callingAE}' from {_peer} is not a valid AE title", "calling-ae");
        }

        if (!_options.AllowedCallers.Any(caller => caller.Admits(request.CallingAE, _peer)))
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.CallingAETitleNotRecognized),
                $"calling AE '{_callingAE}' from {_peer} is not an allowed caller", "calling-ae");
        }

        // A Maximum Length of 1 to 6 leaves no room for a single PDV byte (PS3.8 Annex D.1, §9.3.5.1): we could never answer.
        if (request.UserInformation.MaximumLength is > 0 and <= PduLimits.PdvHeaderLength)
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.NoReasonGiven),
                $"Maximum Length {request.UserInformation.MaximumLength} leaves no room for a presentation data value", "protocol");
        }

        // PS3.8 §9.3.2: an A-ASSOCIATE-RQ carries one or more presentation contexts; with none, nothing could be sent.
        if (request.PresentationContexts.Count == 0)
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.NoReasonGiven),
                "no presentation context was proposed", "protocol");
        }

        if (request.PresentationContexts.Count > MaxPresentationContexts
            || request.PresentationContexts.Select(c => c.Id).Distinct().Count() != request.PresentationContexts.Count)
        {
            return (AssociateReject.Create(AssociateRejectResult.Permanent, ServiceUserRejectReason.NoReasonGiven),
                $"{request.PresentationContexts.Count} presentation contexts with repeated ids; PS3.8 allows at most {MaxPresentationContexts} distinct ones", "protocol");
        }

        return null;
    }

    private UserInformation AcceptedUserInformation(UserInformation requested) => new()
    {
        MaximumLength = _options.MaxPduLength,
        ImplementationClassUid = DicomUid.ImplementationClassUid,
        ImplementationVersionName = DicomUid.ImplementationVersionName,
        AsynchronousOperationsWindow = requested.AsynchronousOperationsWindow is null ? null : new AsynchronousOperationsWindow(1, 1),
        // Echo only the roles we can encode again: a malformed SOP class UID would make the A-ASSOCIATE-AC unwritable.
        RoleSelections = requested.RoleSelections
            .Where(role => PresentationContextNegotiator.IsEncodableUid(role.SopClassUid))
            .Select(role => role with { ScuRole = role.ScuRole, ScpRole = false })
            .ToList(),
    };

    private async Task<string> ServeAsync(CancellationToken stopping)
    {
        while (true)
        {
            var pdu = await ReceiveAsync(_options.IdleTimeout, $"no complete PDU within the idle timeout of {_options.IdleTimeout.TotalSeconds:0} s", stopping).ConfigureAwait(false);
            switch (pdu)
            {
                case DataTransfer data:
                    using (data)
                    {
                        _machine.Apply(AssociationEvent.DataReceived);
                        await OnDataAsync(data, stopping).ConfigureAwait(false);
                    }

                    break;
                case ReleaseRequest:
                    _machine.Apply(AssociationEvent.ReleaseRequestReceived);
                    if (_store is not null)
                    {
                        throw new PduException(AbortReason.UnexpectedPdu, PduType.ReleaseRequest, null, "A-RELEASE-RQ in the middle of a data set");
                    }

                    _machine.Apply(AssociationEvent.LocalReleaseResponse);
                    await PduWriter.WriteAsync(_stream, new ReleaseResponse(), stopping).ConfigureAwait(false);
                    return "released";
                case Abort abort:
                    _machine.Apply(AssociationEvent.AbortReceived);
                    NetworkLog.Aborted(_logger, _id, _peer, $"the peer sent A-ABORT (source {abort.Source}, reason {abort.Reason})");
                    return $"aborted by peer ({abort.Source}, {abort.Reason})";
                case null:
                    _machine.Apply(AssociationEvent.TransportClosed);
                    if (_store is not null)
                    {
                        NetworkLog.Aborted(_logger, _id, _peer, "the connection closed in the middle of a data set");
                    }

                    return _store is null ? "connection closed without release" : "connection closed in the middle of a data set";
                default:
                    OnUnexpected(pdu);
                    throw new PduException(AbortReason.UnexpectedPdu, pdu.Type, null, $"unexpected {Describe(pdu)} on an established association");
            }
        }
    }

    private async Task OnDataAsync(DataTransfer data, CancellationToken stopping)
    {
        foreach (var value in data.Values)
        {
            if (!_contexts.TryGetValue(value.PresentationContextId, out var context))
            {
                throw new PduException(AbortReason.InvalidPduParameterValue, PduType.DataTransfer, null,
                    $"PDV for presentation context {value.PresentationContextId}, which was not accepted");
            }

            if (value.IsCommand)
            {
                await OnCommandFragmentAsync(value, context, stopping).ConfigureAwait(false);
            }
            else
            {
                await OnDataFragmentAsync(value, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task OnCommandFragmentAsync(PresentationDataValue value, (string AbstractSyntax, TransferSyntax Syntax) context, CancellationToken stopping)
    {
        if (_store is not null)
        {
            throw new PduException(AbortReason.UnexpectedPduParameter, PduType.DataTransfer, null, "a command fragment arrived before the data set ended");
        }

        if (_command.Length + value.Data.Length > MaxCommandLength)
        {
            throw new PduException(AbortReason.InvalidPduParameterValue, PduType.DataTransfer, null, $"a command set longer than {MaxCommandLength} bytes");
        }

        _command.Write(value.Data.Span);
        if (!value.IsLast)
        {
            return;
        }

        DimseCommand command;
        try
        {
            command = DimseCommand.Decode(_command.ToArray());
        }
        catch (DicomFormatException e)
        {
            throw new PduException(AbortReason.InvalidPduParameterValue, PduType.DataTransfer, null, $"an unreadable command set: {e.Message}");
        }
        finally
        {
            _command.SetLength(0);
        }

        if (command.HasDataSet)
        {
            _store = await BeginStoreAsync(command, value.PresentationContextId, context, stopping).ConfigureAwait(false);
            return;
        }

        var status = command.CommandField == DimseCommandField.CEchoRequest ? DimseStatus.Success : DimseStatus.UnrecognizedOperation;
        await RespondAsync(command, value.PresentationContextId, new StoreResult(status, status.IsSuccess ? null : "NodeAgent serves C-ECHO and C-STORE only"), stopping).ConfigureAwait(false);
    }

    private async Task<PendingStore> BeginStoreAsync(DimseCommand command, byte contextId, (string AbstractSyntax, TransferSyntax Syntax) context, CancellationToken stopping)
    {
        if (command.CommandField != DimseCommandField.CStoreRequest)
        {
            return new PendingStore(command, contextId, null, new StoreResult(DimseStatus.UnrecognizedOperation, "NodeAgent serves C-ECHO and C-STORE only"));
        }

        var sopClass = command.AffectedSopClassUid ?? string.Empty;
        if (!StorageSopClasses.Contains(sopClass) || sopClass != context.AbstractSyntax)
        {
            return new PendingStore(command, contextId, null,
                new StoreResult(DimseStatus.SopClassNotSupported, "The command's SOP class is not the presentation context's storage class"));
        }

        var request = new StoreRequestContext(_id, _callingAE, _calledAE, _peer, sopClass, command.AffectedSopInstanceUid ?? string.Empty, context.Syntax);
        try
        {
            var start = await _handler.BeginAsync(request, stopping).ConfigureAwait(false);
            return new PendingStore(command, contextId, start.Sink, start.Refusal);
        }
        catch (Exception e) when (IsHandlerFault(e, stopping))
        {
            return new PendingStore(command, contextId, null, HandlerFailed(e));
        }
    }

    private async Task OnDataFragmentAsync(PresentationDataValue value, CancellationToken stopping)
    {
        if (_store is not { } store)
        {
            throw new PduException(AbortReason.UnexpectedPduParameter, PduType.DataTransfer, null, "a data fragment arrived with no command before it");
        }

        if (value.PresentationContextId != store.ContextId)
        {
            throw new PduException(AbortReason.InvalidPduParameterValue, PduType.DataTransfer, null, "a data fragment on another presentation context than its command");
        }

        _bytes += value.Data.Length;
        if (store.Sink is { } sink)
        {
            try
            {
                await sink.WriteAsync(value.Data, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (IsHandlerFault(e, stopping))
            {
                // The rest of the data set is read and dropped; the sender gets the failure status at its end.
                store = store with { Sink = null, Refusal = HandlerFailed(e) };
                _store = store;
                await sink.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (!value.IsLast)
        {
            return;
        }

        StoreResult result;
        if (store.Sink is { } completing)
        {
            _store = store with { Sink = null };
            try
            {
                result = await completing.CompleteAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (IsHandlerFault(e, stopping))
            {
                result = HandlerFailed(e);
            }
            finally
            {
                await completing.DisposeAsync().ConfigureAwait(false);
            }
        }
        else
        {
            result = store.Refusal!;
        }

        _store = null;
        _instances++;
        await RespondAsync(store.Command, store.ContextId, result, stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// A handler that throws has failed this instance, not the association: PS3.4 B.2.3 and PS3.7 C.4.1.3 give it a
    /// processing failure, and the sender may go on with the next instance. Cancellation because we are stopping is not
    /// a handler fault: it ends the association.
    /// </summary>
    private static bool IsHandlerFault(Exception e, CancellationToken stopping) =>
        e is not OperationCanceledException || !stopping.IsCancellationRequested;

    private StoreResult HandlerFailed(Exception e)
    {
        NetworkLog.Failed(_logger, e, _id, _peer);
        return new StoreResult(DimseStatus.ProcessingFailure, "The receiver failed to store the instance");
    }

    private async Task RespondAsync(DimseCommand request, byte contextId, StoreResult result, CancellationToken stopping)
    {
        if (!result.Status.IsSuccess)
        {
            _failures++;
            NetworkLog.StoreFailed(_logger, _id, result.Status.ToString(), result.ErrorComment ?? "");
        }

        var response = DimseCommand.Response(request, result.Status, result.ErrorComment);
        _machine.Apply(AssociationEvent.LocalData);

        // The idle timeout bounds writes as it bounds reads: a peer that sends requests but never reads the responses
        // fills the socket buffers, and the write would otherwise wait, holding the association, forever.
        using var timer = new CancellationTokenSource(_options.IdleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token);
        try
        {
            await _writer!.WriteMessageAsync(contextId, isCommand: true, response.Encode(), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"the peer did not read our response within the idle timeout of {_options.IdleTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<Pdu?> ReceiveAsync(TimeSpan timeout, string timeoutReason, CancellationToken stopping)
    {
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token);
        try
        {
            return await PduReader.ReadAsync(_stream, (int)Math.Min(_options.MaxPduLength, int.MaxValue), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new TimeoutException(timeoutReason);
        }
    }

    private void OnUnexpected(Pdu? pdu)
    {
        var evt = pdu switch
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
        };
        _machine.Apply(evt);
    }

    private async Task TrySendAbortAsync(AbortReason reason)
    {
        if (_machine.State is AssociationState.Idle)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await PduWriter.WriteAsync(_stream, new Abort(AbortSource.ServiceProvider, reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; there is nobody left to tell.
        }
    }

    public void Dispose() => _command.Dispose();

    /// <summary>A decoded AE title as it may be logged: control characters (a forged log line) become '?'.</summary>
    private static string Printable(string title) =>
        title.Any(char.IsControl) ? new string(title.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : title;

    private static string Describe(Pdu? pdu) => pdu is null ? "the connection closing" : pdu.Type.ToString();

    private sealed record PendingStore(DimseCommand Command, byte ContextId, IStoreSink? Sink, StoreResult? Refusal);
}
