namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// Chooses the presentation context for a C-STORE. First choice: a context in the file's own transfer syntax, so the
/// data set's bytes go out unchanged (compressed pixel data is never transcoded). Otherwise, for a native
/// (uncompressed) data set, Explicit then Implicit VR Little Endian, re-encoded from the parsed data set.
/// </summary>
internal static class StorePlanner
{
    private static readonly TransferSyntax[] NativeFallbacks = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian];

    /// <exception cref="PresentationContextNotAcceptedException">No accepted context can carry the data set.</exception>
    public static async Task<StorePlan> PlanAsync(
        DicomFile file, string path, string sopClassUid, IReadOnlyList<AcceptedPresentationContext> accepted, CancellationToken cancellationToken)
    {
        var own = file.TransferSyntax;
        var forClass = accepted.Where(c => string.Equals(c.AbstractSyntax, sopClassUid, StringComparison.Ordinal)).ToList();
        if (forClass.Find(c => string.Equals(c.TransferSyntax, own.Uid, StringComparison.Ordinal)) is { } exact)
        {
            // The bytes after the meta are the data set only when the meta named the syntax; a file without meta had its
            // syntax guessed (perhaps past stray bytes), and is re-encoded in the same syntax instead.
            var offset = file.FileMetaInformation.Contains(new DicomTag(0x0002, 0x0010))
                ? await Part10Body.FindOffsetAsync(path, cancellationToken).ConfigureAwait(false)
                : null;
            var odd = offset is { } start && ((new FileInfo(path).Length - start) & 1) == 1;
            if (odd && own.IsDeflated)
            {
                return new StorePlan(exact, own, offset, PadToEven: true);
            }

            // An odd-length data set is damaged (every element has even length): send what the tolerant reader made of it.
            if (odd)
            {
                offset = null;
            }

            if (offset is not null || !own.IsBigEndian)
            {
                return new StorePlan(exact, own, offset);
            }
        }

        if (!own.IsEncapsulated)
        {
            foreach (var syntax in NativeFallbacks)
            {
                if (forClass.Find(c => string.Equals(c.TransferSyntax, syntax.Uid, StringComparison.Ordinal)) is { } context)
                {
                    return new StorePlan(context, syntax, null);
                }
            }
        }

        throw new PresentationContextNotAcceptedException(sopClassUid, own.Uid);
    }
}
