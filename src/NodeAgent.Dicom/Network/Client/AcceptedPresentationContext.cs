using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>A presentation context the peer accepted: the abstract syntax we proposed with the transfer syntax it chose.</summary>
/// <param name="Id">The presentation-context-ID: odd, 1 to 255.</param>
/// <param name="AbstractSyntax">The SOP class UID proposed in this context.</param>
/// <param name="TransferSyntax">The transfer syntax UID the peer accepted, one of those proposed.</param>
public sealed record AcceptedPresentationContext(byte Id, string AbstractSyntax, string TransferSyntax)
{
    /// <summary>The accepted contexts of an A-ASSOCIATE-AC, each paired with the abstract syntax proposed under its id.</summary>
    internal static List<AcceptedPresentationContext> Match(IReadOnlyList<PresentationContext> proposal, IReadOnlyList<PresentationContextResult> results)
    {
        // A context accepted in a syntax we never proposed (PS3.8 §9.3.3.2 forbids it) is left unused rather than trusted.
        var proposed = proposal.ToDictionary(p => p.Id);
        return [.. results
            .Where(r => r.IsAccepted && proposed.TryGetValue(r.Id, out var p) && p.TransferSyntaxes.Contains(r.TransferSyntax, StringComparer.Ordinal))
            .Select(r => new AcceptedPresentationContext(r.Id, proposed[r.Id].AbstractSyntax, r.TransferSyntax))];
    }
}

