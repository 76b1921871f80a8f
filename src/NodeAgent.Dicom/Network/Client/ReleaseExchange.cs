using NodeAgent.Dicom.Network.Association;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// The requestor's half of A-RELEASE (PS3.8 §7.2, Table 9-10): send A-RELEASE-RQ, then wait for A-RELEASE-RP.
/// In a release collision the peer's A-RELEASE-RQ arrives first; the requestor answers it (AR-9, Sta9 → Sta11) and
/// keeps waiting for its own response (PS3.8 §9.2.3).
/// </summary>
internal static class ReleaseExchange
{
    public static async Task RunAsync(RequestorChannel channel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        channel.Machine.Apply(AssociationEvent.LocalReleaseRequest);
        await channel.SendAsync(new ReleaseRequest(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var pdu = await channel.ReceiveAsync(timeout, "A-RELEASE-RP", cancellationToken).ConfigureAwait(false);
            switch (pdu)
            {
                case ReleaseResponse when channel.Machine.State is AssociationState.AwaitingReleaseResponse or AssociationState.CollisionRequestorAwaitingReleaseResponse:
                    channel.Machine.Apply(AssociationEvent.ReleaseResponseReceived);
                    await channel.CloseAsync().ConfigureAwait(false);
                    return;
                case ReleaseRequest when channel.Machine.State == AssociationState.AwaitingReleaseResponse:
                    channel.Machine.Apply(AssociationEvent.ReleaseRequestReceived);
                    channel.Machine.Apply(AssociationEvent.LocalReleaseResponse);
                    await channel.SendAsync(new ReleaseResponse(), cancellationToken).ConfigureAwait(false);
                    break;
                case DataTransfer data when channel.Machine.State == AssociationState.AwaitingReleaseResponse:
                    // P-DATA may still arrive in Sta7 (DT-2); no request is outstanding, so there is nobody to deliver it to.
                    data.Dispose();
                    channel.Machine.Apply(AssociationEvent.DataReceived);
                    break;
                default:
                    throw await AssociationFailure.ReceivedOtherAsync(channel, pdu, "waiting for the A-RELEASE-RP").ConfigureAwait(false);
            }
        }
    }
}
