using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>Builds the presentation contexts to propose (PS3.8 §9.3.2.2) for sending a set of files.</summary>
public static class ProposalBuilder
{
    /// <summary>The most presentation contexts one A-ASSOCIATE-RQ can carry: the odd ids 1 to 255 (PS3.8 §9.3.2.2).</summary>
    public const int MaxPresentationContexts = 128;

    private static readonly string[] LittleEndianSyntaxes = [TransferSyntax.ExplicitVRLittleEndian.Uid, TransferSyntax.ImplicitVRLittleEndian.Uid];

    /// <summary>
    /// One context for Verification, and for each SOP class among the files: one context per transfer syntax its files
    /// are in (so each can go unchanged), plus, when any of them is native (not encapsulated), one offering Explicit and
    /// Implicit VR Little Endian (so they can go re-encoded when the peer takes neither their own syntax). When that is
    /// more than 128 contexts, the contexts a file cannot do without are kept first: Verification, the Little Endian
    /// context of each class and each encapsulated syntax (compressed data is never transcoded); the native own-syntax
    /// contexts fill what room is left. A file whose context did not fit fails in
    /// <see cref="DicomAssociation.StoreAsync"/> with <see cref="PresentationContextNotAcceptedException"/>, and is sent
    /// on another association.
    /// </summary>
    /// <param name="files">Each file's SOP Class UID and Transfer Syntax UID; repeats are expected and merged.</param>
    /// <returns>At most 128 contexts with ids 1, 3, 5…, grouped by SOP class in the order the classes first appear.</returns>
    /// <exception cref="ArgumentException">A UID is not valid.</exception>
    public static IReadOnlyList<PresentationContext> ForFiles(IEnumerable<(string SopClassUid, string TransferSyntaxUid)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var classes = new List<(string SopClass, List<string> Syntaxes)>();
        var byClass = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (sopClass, syntax) in files)
        {
            CheckUid(sopClass, "SOP Class UID");
            CheckUid(syntax, "Transfer Syntax UID");
            if (!byClass.TryGetValue(sopClass, out var syntaxes))
            {
                syntaxes = [];
                byClass[sopClass] = syntaxes;
                classes.Add((sopClass, syntaxes));
            }

            if (!syntaxes.Contains(syntax, StringComparer.Ordinal))
            {
                syntaxes.Add(syntax);
            }
        }

        // Candidates as (order in the proposal, essential?, abstract syntax, transfer syntaxes).
        var candidates = new List<(int Order, bool Essential, string AbstractSyntax, string[] Syntaxes)>
        {
            (0, true, KnownUids.Verification, LittleEndianSyntaxes),
        };
        foreach (var (sopClass, syntaxes) in classes.Where(c => c.SopClass != KnownUids.Verification))
        {
            foreach (var syntax in syntaxes)
            {
                candidates.Add((candidates.Count, !IsNative(syntax), sopClass, [syntax]));
            }

            if (syntaxes.Any(IsNative))
            {
                candidates.Add((candidates.Count, true, sopClass, LittleEndianSyntaxes));
            }
        }

        return [.. candidates
            .OrderByDescending(c => c.Essential)
            .ThenBy(c => c.Order)
            .Take(MaxPresentationContexts)
            .OrderBy(c => c.Order)
            .Select((c, index) => new PresentationContext((byte)((2 * index) + 1), c.AbstractSyntax, c.Syntaxes))];
    }

    /// <summary>Checks a proposal before it is sent: 1 to 128 contexts, odd distinct ids, an abstract syntax and a transfer syntax in each.</summary>
    /// <exception cref="ArgumentException">The proposal breaks one of these rules.</exception>
    public static void Validate(IReadOnlyList<PresentationContext> proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Count is 0 or > MaxPresentationContexts)
        {
            throw new ArgumentException($"A proposal has 1 to {MaxPresentationContexts} presentation contexts, not {proposal.Count}.", nameof(proposal));
        }

        var ids = new HashSet<byte>();
        foreach (var context in proposal)
        {
            if (context.Id % 2 == 0 || !ids.Add(context.Id))
            {
                throw new ArgumentException($"Presentation context id {context.Id} is even or repeated; ids are distinct odd numbers 1 to 255.", nameof(proposal));
            }

            if (string.IsNullOrEmpty(context.AbstractSyntax) || context.TransferSyntaxes.Count == 0)
            {
                throw new ArgumentException($"Presentation context {context.Id} needs an abstract syntax and at least one transfer syntax.", nameof(proposal));
            }
        }
    }

    private static bool IsNative(string syntax) => TransferSyntax.TryLookup(syntax, out var known) && !known.IsEncapsulated;

    private static void CheckUid(string uid, string name)
    {
        if (!DicomUid.IsValid(uid))
        {
            throw new ArgumentException($"'{uid}' is not a valid {name}.", nameof(uid));
        }
    }
}
