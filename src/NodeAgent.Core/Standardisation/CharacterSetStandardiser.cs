using NodeAgent.Dicom;
using NodeAgent.Dicom.Text;

namespace NodeAgent.Core.Standardisation;

/// <summary>
/// Re-encodes every character-set-dependent value (SH, LO, ST, LT, PN, UC, UT) to UTF-8 and declares
/// ISO_IR 192 in (0008,0005), through every sequence item, each item decoded with the character set in force
/// for it (its own, or its parent's). Stored files thus need no ISO 2022 or code-page support to be read.
/// </summary>
public static class CharacterSetStandardiser
{
    private const string Utf8Term = "ISO_IR 192";

    /// <summary>Re-encodes <paramref name="dataset"/> in place; returns how many values changed bytes.</summary>
    public static int ToUtf8(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var changed = Reencode(dataset);
        dataset.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, Utf8Term);
        return changed;
    }

    private static int Reencode(DicomDataset dataset)
    {
        // Decode everything with the character set in force before any (0008,0005) is touched.
        var source = dataset.CharacterSet;
        var changed = 0;
        var replacements = new List<DicomElement>();
        foreach (var item in dataset)
        {
            switch (item)
            {
                case DicomElement { VR.IsCharacterSetDependent: true } element when element.Length > 0:
                    var bytes = element.Data.ReadAll();
                    var text = source.Decode(bytes.Span, element.VR);
                    var utf8 = DicomCharacterSet.Utf8.Encode(text, element.VR);
                    if (!bytes.Span.SequenceEqual(utf8))
                    {
                        replacements.Add(new DicomElement(element.Tag, element.VR, Pad(utf8, element.VR)));
                        changed++;
                    }

                    break;
                case DicomSequence sequence:
                    foreach (var child in sequence.Items)
                    {
                        changed += Reencode(child);
                    }

                    break;
            }
        }

        foreach (var replacement in replacements)
        {
            dataset.AddOrUpdate(replacement);
        }

        // An item's own declaration is now wrong (its text is UTF-8); it inherits ISO_IR 192 from the top.
        if (dataset.Parent is not null)
        {
            dataset.Remove(DicomTags.SpecificCharacterSet);
        }

        return changed;
    }

    private static byte[] Pad(byte[] value, DicomVR vr)
    {
        if ((value.Length & 1) == 0)
        {
            return value;
        }

        var padded = new byte[value.Length + 1];
        value.CopyTo(padded, 0);
        padded[^1] = vr.PaddingByte;
        return padded;
    }
}
