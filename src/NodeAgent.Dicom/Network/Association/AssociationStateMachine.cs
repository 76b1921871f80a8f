namespace NodeAgent.Dicom.Network.Association;

/// <summary>
/// The DICOM Upper Layer protocol machine (PS3.8 §9.2, state transition Table 9-10). It does no I/O: the
/// association code feeds it each event, performs the action it names and stays in the state it returns.
/// An event the table has no entry for, in the current state, is a fault: received PDUs become an abort
/// (AA-8), local requests are a programming error.
/// </summary>
public sealed class AssociationStateMachine(bool isRequestor)
{
    /// <summary>The current state.</summary>
    public AssociationState State { get; private set; } = AssociationState.Idle;

    /// <summary>True for the side that requested the association, which decides a release collision (PS3.8 §9.2.3).</summary>
    public bool IsRequestor { get; } = isRequestor;

    /// <summary>True while the ARTIM timer should run.</summary>
    public bool ArtimRunning { get; private set; }

    /// <summary>
    /// Applies an event and returns the action to perform. For <see cref="AssociationEvent.AssociateRequestReceived"/>
    /// in Sta2 the caller judges the request and then signals <see cref="AssociationEvent.LocalAccept"/> or
    /// <see cref="AssociationEvent.LocalReject"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A local request arrives in a state where the table does not allow it.</exception>
    public AssociationAction Apply(AssociationEvent evt)
    {
        var (action, next, artim) = Transition(State, evt);
        State = next;
        ArtimRunning = artim;
        return action;
    }

    private (AssociationAction Action, AssociationState Next, bool Artim) Transition(AssociationState state, AssociationEvent evt)
    {
        const AssociationState Sta1 = AssociationState.Idle, Sta2 = AssociationState.AwaitingAssociateRequest,
            Sta3 = AssociationState.AwaitingLocalAssociateResponse, Sta4 = AssociationState.AwaitingTransportConnection,
            Sta5 = AssociationState.AwaitingAssociateResponse, Sta6 = AssociationState.Established,
            Sta7 = AssociationState.AwaitingReleaseResponse, Sta8 = AssociationState.AwaitingLocalReleaseResponse,
            Sta9 = AssociationState.CollisionRequestorAwaitingLocalResponse, Sta10 = AssociationState.CollisionAcceptorAwaitingReleaseResponse,
            Sta11 = AssociationState.CollisionRequestorAwaitingReleaseResponse, Sta12 = AssociationState.CollisionAcceptorAwaitingLocalResponse,
            Sta13 = AssociationState.AwaitingTransportClose;

        // AA-8: an unexpected PDU after the request: abort, indicate a provider abort, start ARTIM.
        var abort = (AssociationAction.SendAbort, Sta13, true);
        return (evt, state) switch
        {
            (AssociationEvent.LocalAssociateRequest, Sta1) => (AssociationAction.ConnectTransport, Sta4, false),
            (AssociationEvent.TransportConnected, Sta4) => (AssociationAction.SendAssociateRequest, Sta5, false),
            (AssociationEvent.TransportIndication, Sta1) => (AssociationAction.AcceptTransport, Sta2, true),

            (AssociationEvent.AssociateAcceptReceived, Sta5) => (AssociationAction.ConfirmAccepted, Sta6, false),
            (AssociationEvent.AssociateRejectReceived, Sta5) => (AssociationAction.ConfirmRejected, Sta1, false),
            (AssociationEvent.AssociateRequestReceived, Sta2) => (AssociationAction.JudgeAssociateRequest, Sta3, false),
            (AssociationEvent.LocalAccept, Sta3) => (AssociationAction.SendAssociateAccept, Sta6, false),
            (AssociationEvent.LocalReject, Sta3) => (AssociationAction.SendAssociateReject, Sta13, true),

            (AssociationEvent.LocalData, Sta6) => (AssociationAction.SendData, Sta6, false),
            (AssociationEvent.LocalData, Sta8) => (AssociationAction.SendDataDuringRelease, Sta8, false),
            (AssociationEvent.DataReceived, Sta6) => (AssociationAction.DeliverData, Sta6, false),
            (AssociationEvent.DataReceived, Sta7) => (AssociationAction.DeliverData, Sta7, false),

            (AssociationEvent.LocalReleaseRequest, Sta6) => (AssociationAction.SendReleaseRequest, Sta7, false),
            (AssociationEvent.ReleaseRequestReceived, Sta6) => (AssociationAction.IndicateRelease, Sta8, false),
            (AssociationEvent.ReleaseRequestReceived, Sta7) => (AssociationAction.IndicateRelease, IsRequestor ? Sta9 : Sta10, false),
            (AssociationEvent.ReleaseResponseReceived, Sta7) => (AssociationAction.ConfirmReleaseAndClose, Sta1, false),
            (AssociationEvent.ReleaseResponseReceived, Sta10) => (AssociationAction.ConfirmReleaseCollision, Sta12, false),
            (AssociationEvent.ReleaseResponseReceived, Sta11) => (AssociationAction.ConfirmReleaseAndClose, Sta1, false),
            (AssociationEvent.LocalReleaseResponse, Sta8) => (AssociationAction.SendReleaseResponse, Sta13, true),
            (AssociationEvent.LocalReleaseResponse, Sta9) => (AssociationAction.SendReleaseResponse, Sta11, false),
            (AssociationEvent.LocalReleaseResponse, Sta12) => (AssociationAction.SendReleaseResponse, Sta13, true),

            (AssociationEvent.LocalAbort, Sta4) => (AssociationAction.CloseTransport, Sta1, false),
            (AssociationEvent.LocalAbort, >= Sta3 and <= Sta12) => (AssociationAction.SendAbort, Sta13, true),
            (AssociationEvent.AbortReceived, Sta2 or Sta13) => (AssociationAction.CloseTransport, Sta1, false),
            (AssociationEvent.AbortReceived, _) when state != Sta1 && state != Sta4 => (AssociationAction.IndicateAbortAndClose, Sta1, false),
            (AssociationEvent.TransportClosed, Sta2 or Sta13) => (AssociationAction.StopTimer, Sta1, false),
            (AssociationEvent.TransportClosed, _) when state != Sta1 => (AssociationAction.IndicateAbortAndClose, Sta1, false),
            (AssociationEvent.ArtimExpired, Sta2 or Sta13) => (AssociationAction.CloseTransport, Sta1, false),

            // AA-6: in Sta13 the peer's late PDUs are ignored, but a second request is answered with an abort (AA-7).
            (AssociationEvent.AssociateRequestReceived or AssociationEvent.InvalidPduReceived, Sta13) => (AssociationAction.SendAbort, Sta13, true),
            (_, Sta13) when IsReceivedPdu(evt) => (AssociationAction.Ignore, Sta13, true),

            // AA-1: a PDU other than A-ASSOCIATE-RQ on a fresh connection.
            (_, Sta2) when IsReceivedPdu(evt) => (AssociationAction.SendAbort, Sta13, true),
            (_, _) when IsReceivedPdu(evt) && state != Sta1 && state != Sta4 => abort,

            _ => throw new InvalidOperationException($"Event {evt} is not allowed in state {state} (PS3.8 Table 9-10)."),
        };
    }

    private static bool IsReceivedPdu(AssociationEvent evt) => evt is AssociationEvent.AssociateAcceptReceived
        or AssociationEvent.AssociateRejectReceived or AssociationEvent.AssociateRequestReceived or AssociationEvent.DataReceived
        or AssociationEvent.ReleaseRequestReceived or AssociationEvent.ReleaseResponseReceived or AssociationEvent.InvalidPduReceived;
}
