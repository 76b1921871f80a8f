using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace NodeAgent.Dicom;

/// <summary>Typed reading and writing of element values.</summary>
public sealed partial class DicomDataset
{
    /// <summary>The raw little-endian value bytes of an element; empty when absent.</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) =>
        this[tag] is DicomElement element ? element.Data.ReadAll() : ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// The whole text value of an element, decoded by the data set's character set, with the padding the
    /// standard allows stripped; null when the element is absent.
    /// </summary>
    public string? GetString(DicomTag tag)
    {
        if (this[tag] is not DicomElement element)
        {
            return null;
        }

        var text = DecodeText(element);
        return element.VR.IsMultiValueText ? TrimValue(text, element.VR) : text.TrimEnd(' ', '\0');
    }

    /// <summary>The values of a multi-valued text element, each trimmed; empty when absent or empty.</summary>
    public IReadOnlyList<string> GetStrings(DicomTag tag)
    {
        if (this[tag] is not DicomElement element || element.Length == 0)
        {
            return [];
        }

        var text = DecodeText(element);
        if (!element.VR.IsMultiValueText)
        {
            return [text.TrimEnd(' ', '\0')];
        }

        return text.Split('\\').Select(value => TrimValue(value, element.VR)).ToArray();
    }

    /// <summary>
    /// The numeric values of an element: binary VRs (US, SS, UL, SL, FL, FD, SV, UV, and OB/OW/OL/OF/OD/OV read as
    /// their unit) or the text VRs IS and DS. Throws <see cref="DicomValueException"/> for text that is no number.
    /// </summary>
    public IReadOnlyList<T> GetNumbers<T>(DicomTag tag) where T : INumber<T>
    {
        if (this[tag] is not DicomElement element)
        {
            return [];
        }

        if (element.VR == DicomVR.IS || element.VR == DicomVR.DS)
        {
            return GetStrings(tag).Where(value => value.Length > 0).Select(value => ParseNumber<T>(value, element)).ToArray();
        }

        var bytes = element.Data.ReadAll().Span;
        var unit = element.VR.UnitSize;
        var values = new T[bytes.Length / unit];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadBinary<T>(bytes.Slice(i * unit, unit), element.VR);
        }

        return values;
    }

    /// <summary>The first numeric value of an element, or null when it is absent or empty.</summary>
    public T? GetNumber<T>(DicomTag tag) where T : struct, INumber<T>
    {
        var values = GetNumbers<T>(tag);
        return values.Count > 0 ? values[0] : null;
    }

    /// <summary>The tags of an AT element.</summary>
    public IReadOnlyList<DicomTag> GetTags(DicomTag tag)
    {
        var bytes = GetBytes(tag).Span;
        var tags = new DicomTag[bytes.Length / 4];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = new DicomTag(
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 4)..]),
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[((i * 4) + 2)..]));
        }

        return tags;
    }

    /// <summary>A DA value (YYYYMMDD; the ACR-NEMA form YYYY.MM.DD is tolerated); null when absent or empty.</summary>
    public DateOnly? GetDate(DicomTag tag)
    {
        var text = GetString(tag);
        return string.IsNullOrEmpty(text) ? null : DicomDateTime.ParseDate(text, tag);
    }

    /// <summary>A TM value (HH[MM[SS[.F{1,6}]]]); null when absent or empty.</summary>
    public TimeOnly? GetTime(DicomTag tag)
    {
        var text = GetString(tag);
        return string.IsNullOrEmpty(text) ? null : DicomDateTime.ParseTime(text, tag);
    }

    /// <summary>A DT value with its UTC offset when it carries one; null when absent or empty.</summary>
    public DateTimeOffset? GetDateTime(DicomTag tag)
    {
        var text = GetString(tag);
        return string.IsNullOrEmpty(text) ? null : DicomDateTime.ParseDateTime(text, tag);
    }

    /// <summary>Sets a text element, encoding the values with the data set's character set.</summary>
    public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(values);
        if (!vr.IsString)
        {
            throw new ArgumentException($"{vr} is not a text VR; use the numeric overload.", nameof(vr));
        }

        var text = string.Join('\\', values);
        var bytes = CharacterSet.Encode(text, vr);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr.PaddingByte;
        }

        return AddOrUpdate(new DicomElement(tag, vr, bytes));
    }

    /// <summary>Sets a binary numeric element (US, SS, UL, SL, FL, FD, SV, UV, OW, OL, OF, OD, OV) or an IS/DS element.</summary>
    public DicomDataset AddOrUpdate<T>(DicomTag tag, DicomVR vr, params T[] values) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(values);
        if (vr == DicomVR.IS || vr == DicomVR.DS)
        {
            return AddOrUpdate(tag, vr, values.Select(v => v.ToString(vr == DicomVR.DS ? "G12" : null, CultureInfo.InvariantCulture)).ToArray());
        }

        if (vr.Kind is not (DicomVRKind.Binary or DicomVRKind.Bytes))
        {
            throw new ArgumentException($"{vr} does not hold binary numbers.", nameof(vr));
        }

        var unit = vr.UnitSize;
        var bytes = new byte[values.Length * unit];
        for (var i = 0; i < values.Length; i++)
        {
            WriteBinary(values[i], bytes.AsSpan(i * unit, unit), vr);
        }

        return AddOrUpdate(new DicomElement(tag, vr, bytes));
    }

    /// <summary>Sets an AT element.</summary>
    public DicomDataset AddOrUpdate(DicomTag tag, params DicomTag[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var bytes = new byte[tags.Length * 4];
        for (var i = 0; i < tags.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), tags[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((i * 4) + 2), tags[i].Element);
        }

        return AddOrUpdate(new DicomElement(tag, DicomVR.AT, bytes));
    }

    // Only SH, LO, ST, LT, PN, UC and UT follow (0008,0005); UIDs, codes, dates and numbers are plain ASCII,
    // so reading them never needs the character set resolved (nor its tables built).
    private string DecodeText(DicomElement element) => element.VR.IsCharacterSetDependent
        ? CharacterSet.Decode(element.Data.ReadAll().Span, element.VR)
        : System.Text.Encoding.Latin1.GetString(element.Data.ReadAll().Span);

    private static string TrimValue(string value, DicomVR vr) =>
        vr == DicomVR.UI ? value.TrimEnd('\0', ' ') : value.Trim(' ', '\0');

    private static T ParseNumber<T>(string text, DicomElement element) where T : INumber<T>
    {
        if (T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return T.CreateSaturating(real);
        }

        throw new DicomValueException($"'{text}' is not a valid {element.VR} number", element.Tag);
    }

    private static T ReadBinary<T>(ReadOnlySpan<byte> bytes, DicomVR vr) where T : INumber<T> => vr.Code switch
    {
        "SS" => T.CreateTruncating(BinaryPrimitives.ReadInt16LittleEndian(bytes)),
        "SL" => T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
        "SV" => T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
        "FL" or "OF" => T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
        "FD" or "OD" => T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes)),
        _ => bytes.Length switch
        {
            1 => T.CreateTruncating(bytes[0]),
            2 => T.CreateTruncating(BinaryPrimitives.ReadUInt16LittleEndian(bytes)),
            4 => T.CreateTruncating(BinaryPrimitives.ReadUInt32LittleEndian(bytes)),
            _ => T.CreateTruncating(BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
        },
    };

    private static void WriteBinary<T>(T value, Span<byte> bytes, DicomVR vr) where T : INumber<T>
    {
        switch (vr.Code)
        {
            case "SS": BinaryPrimitives.WriteInt16LittleEndian(bytes, short.CreateChecked(value)); break;
            case "SL": BinaryPrimitives.WriteInt32LittleEndian(bytes, int.CreateChecked(value)); break;
            case "SV": BinaryPrimitives.WriteInt64LittleEndian(bytes, long.CreateChecked(value)); break;
            case "FL" or "OF": BinaryPrimitives.WriteSingleLittleEndian(bytes, float.CreateChecked(value)); break;
            case "FD" or "OD": BinaryPrimitives.WriteDoubleLittleEndian(bytes, double.CreateChecked(value)); break;
            default:
                switch (bytes.Length)
                {
                    case 1: bytes[0] = byte.CreateChecked(value); break;
                    case 2: BinaryPrimitives.WriteUInt16LittleEndian(bytes, ushort.CreateChecked(value)); break;
                    case 4: BinaryPrimitives.WriteUInt32LittleEndian(bytes, uint.CreateChecked(value)); break;
                    default: BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.CreateChecked(value)); break;
                }

                break;
        }
    }
}
