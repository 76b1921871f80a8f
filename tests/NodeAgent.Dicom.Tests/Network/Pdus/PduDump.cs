using System.Text;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>
/// A canonical text form of a PDU built from the object model alone (not from the encoder), so two PDUs compare
/// field by field, byte contents included, and a difference shows as a readable line.
/// </summary>
internal static class PduDump
{
    public static string Describe(Pdu pdu)
    {
        var text = new StringBuilder();
        Line(text, $"{pdu.Type}");
        switch (pdu)
        {
            case AssociateRequest request:
                Association(text, request);
                foreach (var context in request.PresentationContexts)
                {
                    Line(text, $"  pc {context.Id} {context.AbstractSyntax} [{string.Join(", ", context.TransferSyntaxes)}]");
                }

                break;
            case AssociateAccept accept:
                Association(text, accept);
                foreach (var result in accept.PresentationContexts)
                {
                    Line(text, $"  pc {result.Id} {result.Result} {result.TransferSyntax}");
                }

                break;
            case AssociateReject reject:
                Line(text, $"  {reject.Result} {reject.Source} {reject.Reason}");
                break;
            case DataTransfer data:
                foreach (var value in data.Values)
                {
                    Line(text, $"  pdv {value.PresentationContextId} command={value.IsCommand} last={value.IsLast} {Hex(value.Data)}");
                }

                break;
            case Abort abort:
                Line(text, $"  {abort.Source} {abort.Reason}");
                break;
        }

        return text.ToString();
    }

    private static void Association(StringBuilder text, AssociatePdu pdu)
    {
        var info = pdu.UserInformation;
        Line(text, $"  called={pdu.CalledAE} calling={pdu.CallingAE} version={pdu.ProtocolVersion} context={pdu.ApplicationContextName}");
        Line(text, $"  max={info.MaximumLength} class={info.ImplementationClassUid} version={info.ImplementationVersionName ?? "(none)"}");
        Line(text, $"  window={info.AsynchronousOperationsWindow?.ToString() ?? "(none)"}");
        foreach (var role in info.RoleSelections)
        {
            Line(text, $"  role {role.SopClassUid} scu={role.ScuRole} scp={role.ScpRole}");
        }

        foreach (var negotiation in info.ExtendedNegotiations)
        {
            Line(text, $"  extended {negotiation.SopClassUid} {Hex(negotiation.ServiceClassApplicationInformation)}");
        }

        foreach (var negotiation in info.CommonExtendedNegotiations)
        {
            Line(text, $"  common {negotiation.SopClassUid} {negotiation.ServiceClassUid} [{string.Join(", ", negotiation.RelatedGeneralSopClassUids)}]");
        }

        if (info.UserIdentityRequest is { } identity)
        {
            Line(text, $"  identity {identity.IdentityType} positive={identity.PositiveResponseRequested} {Hex(identity.PrimaryField)} {Hex(identity.SecondaryField)}");
        }

        if (info.UserIdentityResponse is { } response)
        {
            Line(text, $"  identity-response {Hex(response.ServerResponse)}");
        }

        foreach (var item in info.UnrecognizedItems)
        {
            Line(text, $"  unrecognized {item.ItemType:X2} {Hex(item.Value)}");
        }
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(FormattableString.Invariant(line));

    private static string Hex(ReadOnlyMemory<byte> bytes) => bytes.IsEmpty ? "-" : Convert.ToHexString(bytes.Span);
}
