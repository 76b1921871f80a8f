using System.Globalization;

namespace NodeAgent.Dicom;

/// <summary>A DICOM attribute tag: a (group, element) pair, ordered as the standard orders data elements.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>Creates a tag from its 32-bit form, group in the high half.</summary>
    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value)
    {
    }

    /// <summary>The tag as one 32-bit number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for tags in an odd group other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 §7.8.1).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>True for a Private Creator Data Element (gggg,0010-00FF) in a private group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>True for a group length element (gggg,0000).</summary>
    public bool IsGroupLength => Element == 0x0000;

    /// <summary>
    /// For a private data element (gggg,xxee) with xx ≥ 0x10, the tag of the creator element that reserves its block.
    /// </summary>
    public DicomTag? PrivateCreatorTag =>
        IsPrivate && Element >= 0x1000 ? new DicomTag(Group, (ushort)(Element >> 8)) : null;

    /// <summary>Item (FFFE,E000).</summary>
    public static DicomTag Item { get; } = new(0xFFFE, 0xE000);

    /// <summary>Item Delimitation Item (FFFE,E00D).</summary>
    public static DicomTag ItemDelimitation { get; } = new(0xFFFE, 0xE00D);

    /// <summary>Sequence Delimitation Item (FFFE,E0DD).</summary>
    public static DicomTag SequenceDelimitation { get; } = new(0xFFFE, 0xE0DD);

    /// <summary>Compares in the order data elements appear in a data set: by group, then element.</summary>
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee".</summary>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Trim().Trim('(', ')').Replace(",", "", StringComparison.Ordinal);
        if (digits.Length != 8 || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{text}' is not a DICOM tag; expected (gggg,eeee) in hexadecimal.");
        }

        return new DicomTag(value);
    }

    /// <summary>The standard's notation, "(gggg,eeee)" in upper-case hexadecimal.</summary>
    public override string ToString() => $"({Group:X4},{Element:X4})";

    /// <inheritdoc cref="CompareTo"/>
    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    /// <inheritdoc cref="CompareTo"/>
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    /// <inheritdoc cref="CompareTo"/>
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    /// <inheritdoc cref="CompareTo"/>
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;
}
