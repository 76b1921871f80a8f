using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network.Association;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// Waits for the response to the request just sent: command fragments on its presentation context, reassembled and
/// decoded, and checked to be the expected response to that message id (PS3.7 §9.3).
/// </summary>
internal static class ResponseReader
{
    private const int MaxCommandLength = 64 * 1024;

    /// <exception cref="PduException">The peer sent something other than the response; the caller aborts.</exception>
    /// <exception cref="TimeoutException">No whole response within <paramref name="timeout"/> of the last PDU.</exception>
    public static async Task<DimseCommand> ReadAsync(RequestorChannel channel, byte contextId, ushort messageId, DimseCommandField expected,
        string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var command = new MemoryStream();
        while (true)
        {
            var pdu = await channel.ReceiveAsync(timeout, name, cancellationToken).ConfigureAwait(false);
            if (pdu is not DataTransfer data)
            {
                throw await AssociationFailure.ReceivedOtherAsync(channel, pdu, $"waiting for the {name}").ConfigureAwait(false);
            }

            using (data)
            {
                channel.Machine.Apply(AssociationEvent.DataReceived);
                foreach (var value in data.Values)
                {
                    if (!value.IsCommand || value.PresentationContextId != contextId)
                    {
                        throw Fault(AbortReason.UnexpectedPduParameter,
                            $"a {(value.IsCommand ? "command" : "data set")} fragment on context {value.PresentationContextId} while waiting for the {name} on context {contextId}");
                    }

                    if (command.Length + value.Data.Length > MaxCommandLength)
                    {
                        throw Fault(AbortReason.InvalidPduParameterValue, $"a response command set longer than {MaxCommandLength} bytes");
                    }

                    command.Write(value.Data.Span);
                    if (value.IsLast)
                    {
                        return Check(Decode(command), messageId, expected, name);
                    }
                }
            }
        }
    }

    private static DimseCommand Decode(MemoryStream command)
    {
        try
        {
            return DimseCommand.Decode(command.GetBuffer().AsMemory(0, (int)command.Length));
        }
        catch (DicomFormatException e)
        {
            throw new PduException(AbortReason.InvalidPduParameterValue, PduType.DataTransfer, null, $"An unreadable response command set: {e.Message}", e);
        }
    }

    private static DimseCommand Check(DimseCommand response, ushort messageId, DimseCommandField expected, string name)
    {
        if (response.CommandField != expected)
        {
            throw Fault(AbortReason.UnexpectedPduParameter, $"command field {(ushort)response.CommandField:X4} where the {name} ({(ushort)expected:X4}) was due");
        }

        if (response.MessageIdBeingRespondedTo != messageId)
        {
            throw Fault(AbortReason.UnexpectedPduParameter, $"a {name} to message {response.MessageIdBeingRespondedTo}, not to message {messageId}");
        }

        return response;
    }

    private static PduException Fault(AbortReason reason, string what) =>
        new(reason, PduType.DataTransfer, null, $"The peer sent {what}");
}
