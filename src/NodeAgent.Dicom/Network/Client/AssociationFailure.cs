using Microsoft.Extensions.Logging;
using NodeAgent.Dicom.Network.Association;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>How the requestor turns what went wrong into the end of the association and the exception to throw.</summary>
internal static class AssociationFailure
{
    /// <summary>The exception for a PDU with no place here: an abort or a closed connection from the peer, or a protocol fault.</summary>
    public static async Task<Exception> ReceivedOtherAsync(RequestorChannel channel, Pdu? pdu, string during)
    {
        switch (pdu)
        {
            case Abort abort:
                channel.Machine.Apply(AssociationEvent.AbortReceived);
                await channel.CloseAsync().ConfigureAwait(false);
                return new AssociationAbortedException(abort, during);
            case null:
                await channel.CloseAsync().ConfigureAwait(false);
                return new DicomAssociationException($"The peer closed the connection while {during}");
            default:
                (pdu as IDisposable)?.Dispose();
                channel.OnUnexpected(pdu);
                return new PduException(AbortReason.UnexpectedPdu, pdu.Type, null, $"Unexpected PDU while {during}");
        }
    }

    /// <summary>Ends the association after a failure (an A-ABORT unless it has ended already) and returns what to throw.</summary>
    public static async Task<Exception> FailAsync(RequestorChannel channel, ILogger logger, string peer, Exception e, string during)
    {
        if (channel.Machine.State != AssociationState.Idle)
        {
            var (source, reason) = e is PduException fault ? (AbortSource.ServiceProvider, fault.AbortReason) : (AbortSource.ServiceUser, AbortReason.NotSpecified);
            await channel.AbortAsync(source, reason).ConfigureAwait(false);
        }

        ClientLog.Aborted(logger, peer, $"{e.GetType().Name} while {during}: {e.Message}");
        return e switch
        {
            IOException or ObjectDisposedException => new DicomAssociationException($"The connection to {peer} was lost while {during}: {e.Message}", e),
            _ => e,
        };
    }
}
