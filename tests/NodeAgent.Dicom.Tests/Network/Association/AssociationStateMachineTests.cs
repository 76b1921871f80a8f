using NodeAgent.Dicom.Network.Association;
using NUnit.Framework;
using static NodeAgent.Dicom.Network.Association.AssociationAction;
using static NodeAgent.Dicom.Network.Association.AssociationEvent;
using static NodeAgent.Dicom.Network.Association.AssociationState;

namespace NodeAgent.Dicom.Tests.Network.Association;

/// <summary>The paths of PS3.8 Table 9-10 that the acceptor and a requestor walk, and the faults off them.</summary>
[TestFixture]
public sealed class AssociationStateMachineTests
{
    /// <summary>Drives a machine through events, checking each action and the state it lands in.</summary>
    private static void Walk(AssociationStateMachine machine, params (AssociationEvent Event, AssociationAction Action, AssociationState State)[] steps)
    {
        foreach (var (evt, action, state) in steps)
        {
            var before = machine.State;
            var performed = machine.Apply(evt);
            Assert.That((performed, machine.State), Is.EqualTo((action, state)), $"{evt} in {before}");
        }
    }

    private static AssociationStateMachine Acceptor(AssociationState state)
    {
        var machine = new AssociationStateMachine(isRequestor: false);
        var path = new[] { TransportIndication, AssociateRequestReceived, LocalAccept };
        var target = state switch
        {
            AwaitingAssociateRequest => 1,
            AwaitingLocalAssociateResponse => 2,
            Established => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not on the acceptor's opening path"),
        };
        foreach (var evt in path.Take(target))
        {
            machine.Apply(evt);
        }

        Assert.That(machine.State, Is.EqualTo(state));
        return machine;
    }

    private static AssociationStateMachine Requestor(AssociationState state)
    {
        var machine = new AssociationStateMachine(isRequestor: true);
        var path = new[] { LocalAssociateRequest, TransportConnected, AssociateAcceptReceived, LocalReleaseRequest };
        var target = state switch
        {
            AwaitingTransportConnection => 1,
            AwaitingAssociateResponse => 2,
            Established => 3,
            AwaitingReleaseResponse => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not on the requestor's path"),
        };
        foreach (var evt in path.Take(target))
        {
            machine.Apply(evt);
        }

        Assert.That(machine.State, Is.EqualTo(state));
        return machine;
    }

    [Test]
    public void Apply_AcceptorAssociationAndRelease_WalksSta1To2To3To6To8To13()
    {
        var machine = new AssociationStateMachine(isRequestor: false);

        Walk(machine,
            (TransportIndication, AcceptTransport, AwaitingAssociateRequest),
            (AssociateRequestReceived, JudgeAssociateRequest, AwaitingLocalAssociateResponse),
            (LocalAccept, SendAssociateAccept, Established),
            (DataReceived, DeliverData, Established),
            (LocalData, SendData, Established),
            (ReleaseRequestReceived, IndicateRelease, AwaitingLocalReleaseResponse),
            (LocalReleaseResponse, SendReleaseResponse, AwaitingTransportClose),
            (TransportClosed, StopTimer, Idle));
    }

    [Test]
    public void Apply_AcceptorArtim_RunsWhileAwaitingTheRequestAndAfterTheReleaseResponse()
    {
        var machine = new AssociationStateMachine(isRequestor: false);
        var running = new List<bool>();
        foreach (var evt in new[] { TransportIndication, AssociateRequestReceived, LocalAccept, ReleaseRequestReceived, LocalReleaseResponse })
        {
            machine.Apply(evt);
            running.Add(machine.ArtimRunning);
        }

        // AE-5 starts ARTIM, AE-6 stops it, AR-4 starts it again (PS3.8 Table 9-7, 9-9).
        Assert.That(running, Is.EqualTo(new[] { true, false, false, false, true }));
    }

    [Test]
    public void Apply_AcceptorRejects_SendsRejectAndWaitsForTheCloseInSta13()
    {
        var machine = Acceptor(AwaitingLocalAssociateResponse);

        Walk(machine, (LocalReject, SendAssociateReject, AwaitingTransportClose));

        Assert.That(machine.ArtimRunning, Is.True, "AE-8 starts ARTIM");
    }

    [Test]
    public void Apply_RequestorAssociationAndRelease_WalksSta1To4To5To6To7To1()
    {
        var machine = new AssociationStateMachine(isRequestor: true);

        Walk(machine,
            (LocalAssociateRequest, ConnectTransport, AwaitingTransportConnection),
            (TransportConnected, SendAssociateRequest, AwaitingAssociateResponse),
            (AssociateAcceptReceived, ConfirmAccepted, Established),
            (LocalData, SendData, Established),
            (DataReceived, DeliverData, Established),
            (LocalReleaseRequest, SendReleaseRequest, AwaitingReleaseResponse),
            (DataReceived, DeliverData, AwaitingReleaseResponse),
            (ReleaseResponseReceived, ConfirmReleaseAndClose, Idle));
    }

    [Test]
    public void Apply_RequestorRejected_ConfirmsTheRejectionAndReturnsToSta1()
    {
        var machine = Requestor(AwaitingAssociateResponse);

        Walk(machine, (AssociateRejectReceived, ConfirmRejected, Idle));
    }

    [Test]
    public void Apply_ReleaseCollisionAtTheRequestor_WalksSta7To9To11To1()
    {
        var machine = Requestor(AwaitingReleaseResponse);

        Walk(machine,
            (ReleaseRequestReceived, IndicateRelease, CollisionRequestorAwaitingLocalResponse),
            (LocalReleaseResponse, SendReleaseResponse, CollisionRequestorAwaitingReleaseResponse),
            (ReleaseResponseReceived, ConfirmReleaseAndClose, Idle));
    }

    [Test]
    public void Apply_ReleaseCollisionAtTheAcceptor_WalksSta7To10To12To13()
    {
        // The acceptor asks for the release itself (Sta6 → Sta7) and the requestor's A-RELEASE-RQ crosses it.
        var machine = Acceptor(Established);

        Walk(machine,
            (LocalReleaseRequest, SendReleaseRequest, AwaitingReleaseResponse),
            (ReleaseRequestReceived, IndicateRelease, CollisionAcceptorAwaitingReleaseResponse),
            (ReleaseResponseReceived, ConfirmReleaseCollision, CollisionAcceptorAwaitingLocalResponse),
            (LocalReleaseResponse, SendReleaseResponse, AwaitingTransportClose));

        Assert.That(machine.ArtimRunning, Is.True, "AR-4 starts ARTIM");
    }

    [Test]
    public void Apply_DataWhileTheReleaseIsIndicated_IsSentAsAR7()
    {
        var machine = Acceptor(Established);
        machine.Apply(ReleaseRequestReceived);

        Walk(machine, (LocalData, SendDataDuringRelease, AwaitingLocalReleaseResponse));
    }

    [TestCase(AssociateAcceptReceived)]
    [TestCase(AssociateRejectReceived)]
    [TestCase(DataReceived)]
    [TestCase(ReleaseRequestReceived)]
    [TestCase(ReleaseResponseReceived)]
    [TestCase(InvalidPduReceived)]
    public void Apply_PduOtherThanARequestOnAFreshConnection_SendsAbortAndMovesToSta13(AssociationEvent evt)
    {
        var machine = Acceptor(AwaitingAssociateRequest);

        Walk(machine, (evt, SendAbort, AwaitingTransportClose));

        Assert.That(machine.ArtimRunning, Is.True, "AA-1 starts ARTIM");
    }

    [TestCase(AssociateRequestReceived)]
    [TestCase(AssociateAcceptReceived)]
    [TestCase(AssociateRejectReceived)]
    [TestCase(ReleaseResponseReceived)]
    [TestCase(InvalidPduReceived)]
    public void Apply_UnexpectedPduOnAnEstablishedAssociation_SendsAbortAndMovesToSta13(AssociationEvent evt)
    {
        var machine = Acceptor(Established);

        Walk(machine, (evt, SendAbort, AwaitingTransportClose));

        Assert.That(machine.ArtimRunning, Is.True, "AA-8 starts ARTIM");
    }

    [TestCase(AssociateRequestReceived)]
    [TestCase(AssociateAcceptReceived)]
    [TestCase(DataReceived)]
    [TestCase(InvalidPduReceived)]
    public void Apply_UnexpectedPduWhileAwaitingTheLocalResponse_SendsAbortAndMovesToSta13(AssociationEvent evt)
    {
        var machine = Acceptor(AwaitingLocalAssociateResponse);

        Walk(machine, (evt, SendAbort, AwaitingTransportClose));
    }

    [TestCase(AssociateRequestReceived)]
    [TestCase(DataReceived)]
    [TestCase(ReleaseRequestReceived)]
    public void Apply_UnexpectedPduWhileAwaitingTheAccept_SendsAbortAndMovesToSta13(AssociationEvent evt)
    {
        var machine = Requestor(AwaitingAssociateResponse);

        Walk(machine, (evt, SendAbort, AwaitingTransportClose));
    }

    [TestCase(AssociateAcceptReceived)]
    [TestCase(AssociateRejectReceived)]
    [TestCase(DataReceived)]
    [TestCase(ReleaseRequestReceived)]
    [TestCase(ReleaseResponseReceived)]
    public void Apply_LatePduInSta13_IsIgnored(AssociationEvent evt)
    {
        var machine = Acceptor(Established);
        machine.Apply(LocalAbort);

        Walk(machine, (evt, Ignore, AwaitingTransportClose));
    }

    [TestCase(AssociateRequestReceived)]
    [TestCase(InvalidPduReceived)]
    public void Apply_RequestOrInvalidPduInSta13_IsAnsweredWithAnAbort(AssociationEvent evt)
    {
        var machine = Acceptor(Established);
        machine.Apply(LocalAbort);

        Walk(machine, (evt, SendAbort, AwaitingTransportClose));
    }

    [Test]
    public void Apply_ArtimExpiresInSta2_ClosesTheTransport()
    {
        var machine = Acceptor(AwaitingAssociateRequest);

        Walk(machine, (ArtimExpired, CloseTransport, Idle));

        Assert.That(machine.ArtimRunning, Is.False);
    }

    [Test]
    public void Apply_ArtimExpiresInSta13_ClosesTheTransport()
    {
        var machine = Acceptor(AwaitingLocalAssociateResponse);
        machine.Apply(LocalReject);

        Walk(machine, (ArtimExpired, CloseTransport, Idle));

        Assert.That(machine.ArtimRunning, Is.False);
    }

    [Test]
    public void Apply_AbortReceivedOnAnEstablishedAssociation_IndicatesItAndCloses()
    {
        var machine = Acceptor(Established);

        Walk(machine, (AbortReceived, IndicateAbortAndClose, Idle));
    }

    [Test]
    public void Apply_AbortReceivedInSta2_ClosesWithoutIndication()
    {
        var machine = Acceptor(AwaitingAssociateRequest);

        Walk(machine, (AbortReceived, CloseTransport, Idle));
    }

    [Test]
    public void Apply_TransportClosedOnAnEstablishedAssociation_IndicatesAProviderAbort()
    {
        var machine = Acceptor(Established);

        Walk(machine, (TransportClosed, IndicateAbortAndClose, Idle));
    }

    [Test]
    public void Apply_LocalAbortWhileConnecting_ClosesTheTransport()
    {
        var machine = Requestor(AwaitingTransportConnection);

        Walk(machine, (LocalAbort, CloseTransport, Idle));
    }

    [Test]
    public void Apply_LocalAbortOnAnEstablishedAssociation_SendsAbortAndStartsArtim()
    {
        var machine = Acceptor(Established);

        Walk(machine, (LocalAbort, SendAbort, AwaitingTransportClose));

        Assert.That(machine.ArtimRunning, Is.True);
    }

    [TestCase(Idle, LocalData)]
    [TestCase(Idle, LocalReleaseRequest)]
    [TestCase(Idle, LocalAbort)]
    [TestCase(Idle, ArtimExpired)]
    [TestCase(Idle, TransportConnected)]
    [TestCase(Idle, DataReceived)]
    [TestCase(AwaitingAssociateRequest, LocalData)]
    [TestCase(AwaitingAssociateRequest, LocalAccept)]
    [TestCase(AwaitingAssociateRequest, LocalAssociateRequest)]
    [TestCase(AwaitingLocalAssociateResponse, LocalData)]
    [TestCase(AwaitingLocalAssociateResponse, LocalReleaseResponse)]
    [TestCase(Established, LocalAccept)]
    [TestCase(Established, LocalReject)]
    [TestCase(Established, LocalReleaseResponse)]
    [TestCase(Established, LocalAssociateRequest)]
    [TestCase(Established, ArtimExpired)]
    public void Apply_LocalEventInTheWrongState_Throws(AssociationState state, AssociationEvent evt)
    {
        var machine = state == Idle ? new AssociationStateMachine(isRequestor: false) : Acceptor(state);

        Assert.That(() => machine.Apply(evt), Throws.InvalidOperationException.With.Message.Contains("Table 9-10"));
        Assert.That(machine.State, Is.EqualTo(state), "a refused event leaves the state alone");
    }

    [Test]
    public void Apply_LocalDataWhileAwaitingTheReleaseResponse_Throws()
    {
        // P-DATA requests are allowed in Sta6 and Sta8 only; after our own A-RELEASE-RQ we may not send more.
        var machine = Requestor(AwaitingReleaseResponse);

        Assert.That(() => machine.Apply(LocalData), Throws.InvalidOperationException);
    }
}
