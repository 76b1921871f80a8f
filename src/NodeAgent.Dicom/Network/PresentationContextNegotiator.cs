using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network;

/// <summary>
/// Answers each proposed presentation context (PS3.8 §9.3.3.2): the abstract syntax must be one we serve;
/// the transfer syntax is the first of our preference list the peer proposed, else the first proposed one we
/// can decode, else the context is rejected as transfer syntaxes not supported.
/// </summary>
public static class PresentationContextNegotiator
{
    /// <summary>The results, one per proposed context, in the proposal's order.</summary>
    public static IReadOnlyList<PresentationContextResult> Negotiate(
        IReadOnlyList<PresentationContext> proposed, IReadOnlySet<string> abstractSyntaxes, IReadOnlyList<string> preference)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(abstractSyntaxes);
        ArgumentNullException.ThrowIfNull(preference);
        var results = new List<PresentationContextResult>(proposed.Count);
        foreach (var context in proposed)
        {
            // A rejected result echoes a proposed syntax (its value is not significant, PS3.8 Table 9-18), but only one
            // that can be encoded again: a malformed UID from the peer would make the whole A-ASSOCIATE-AC unwritable.
            var fallback = context.TransferSyntaxes.FirstOrDefault(IsEncodableUid) ?? TransferSyntax.ImplicitVRLittleEndian.Uid;
            if (!abstractSyntaxes.Contains(context.AbstractSyntax))
            {
                results.Add(new PresentationContextResult(context.Id, PresentationContextResultReason.AbstractSyntaxNotSupported, fallback));
                continue;
            }

            var chosen = preference.FirstOrDefault(context.TransferSyntaxes.Contains)
                ?? context.TransferSyntaxes.FirstOrDefault(Decodable);
            results.Add(chosen is null
                ? new PresentationContextResult(context.Id, PresentationContextResultReason.TransferSyntaxesNotSupported, fallback)
                : new PresentationContextResult(context.Id, PresentationContextResultReason.Acceptance, chosen));
        }

        return results;
    }

    /// <summary>True when the PDU encoder accepts <paramref name="uid"/>: 1 to 64 digits and dots (PS3.5 §9.1).</summary>
    internal static bool IsEncodableUid(string uid) => uid.Length is > 0 and <= DicomUid.MaxLength && uid.All(c => char.IsAsciiDigit(c) || c == '.');

    /// <summary>Syntaxes our reader decodes: every known one but the JPIP-referenced ones, which carry no pixel data.</summary>
    private static bool Decodable(string uid) =>
        TransferSyntax.TryLookup(uid, out var syntax) && !syntax.Name.StartsWith("JPIP", StringComparison.Ordinal)
        && !syntax.Name.Contains("retired", StringComparison.Ordinal);
}
