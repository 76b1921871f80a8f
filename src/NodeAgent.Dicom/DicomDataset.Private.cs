namespace NodeAgent.Dicom;

/// <summary>Private data elements addressed by their creator (PS3.5 §7.8.1), not by the block number a writer chose.</summary>
public sealed partial class DicomDataset
{
    /// <summary>
    /// The tag of element <paramref name="elementOffset"/> (0x00–0xFF) in the block that <paramref name="creator"/>
    /// reserves in the odd <paramref name="group"/>; null when no such block is reserved here.
    /// </summary>
    public DicomTag? FindPrivateTag(ushort group, string creator, byte elementOffset)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var block = FindPrivateBlock(group, creator);
        return block is { } b ? new DicomTag(group, (ushort)((b << 8) | elementOffset)) : null;
    }

    /// <summary>
    /// Like <see cref="FindPrivateTag"/>, but reserves the first free block for <paramref name="creator"/> when it has
    /// none yet, by adding the Private Creator element (gggg,00xx).
    /// </summary>
    /// <exception cref="ArgumentException">The group is not a private group.</exception>
    /// <exception cref="InvalidOperationException">All 240 blocks of the group are taken.</exception>
    public DicomTag ReservePrivateTag(ushort group, string creator, byte elementOffset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creator);
        if (!new DicomTag(group, 0x0010).IsPrivate)
        {
            throw new ArgumentException($"Group {group:X4} is not a private group.", nameof(group));
        }

        if (FindPrivateTag(group, creator, elementOffset) is { } existing)
        {
            return existing;
        }

        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (!Contains(creatorTag))
            {
                AddOrUpdate(creatorTag, DicomVR.LO, creator);
                return new DicomTag(group, (ushort)((block << 8) | elementOffset));
            }
        }

        throw new InvalidOperationException($"Every private block of group {group:X4} is reserved.");
    }

    /// <summary>The creator that reserves the block of a private element, or null when the block is not reserved.</summary>
    public string? GetPrivateCreator(DicomTag tag) =>
        tag.PrivateCreatorTag is { } creatorTag ? GetString(creatorTag) : null;

    private byte? FindPrivateBlock(ushort group, string creator)
    {
        var wanted = creator.Trim();
        var first = new DicomTag(group, 0x0010);
        var index = IndexOf(first);
        for (var i = index >= 0 ? index : ~index; i < _items.Count; i++)
        {
            var tag = _items[i].Tag;
            if (tag.Group != group || tag.Element > 0x00FF)
            {
                break;
            }

            if (string.Equals(GetString(tag)?.Trim(), wanted, StringComparison.Ordinal))
            {
                return (byte)tag.Element;
            }
        }

        return null;
    }
}
