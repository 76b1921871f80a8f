using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Dicom.IO;

/// <summary>Chooses the VR of an element read in implicit VR, where only the dictionary can say (PS3.5 Annex A.1).</summary>
internal static class ImplicitVRResolver
{
    private static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);

    public static DicomVR Resolve(DicomTag tag, DicomDataset context)
    {
        if (tag.IsPrivate)
        {
            if (tag.IsPrivateCreator)
            {
                return DicomVR.LO;
            }

            var creatorTag = tag.PrivateCreatorTag;
            var creator = creatorTag is { } c ? SafeString(context, c) : null;
            return creator is null ? DicomVR.UN : DicomDictionary.FindPrivate(tag, creator)?.DefaultVR ?? DicomVR.UN;
        }

        var entry = DicomDictionary.Find(tag);
        if (entry is null || entry.ValueRepresentations.Count == 0)
        {
            return DicomVR.UN;
        }

        var choices = entry.ValueRepresentations;
        if (choices.Count == 1)
        {
            return choices[0];
        }

        // Implicit VR little endian encodes every OB-or-OW value as OW (PS3.5 §A.1 c).
        if (choices.Contains(DicomVR.OW))
        {
            return DicomVR.OW;
        }

        // US-or-SS values follow Pixel Representation: 1 means two's complement (PS3.3 C.7.6.3.1).
        if (choices.Contains(DicomVR.SS) && context.GetNumbers<int>(PixelRepresentation) is [1, ..])
        {
            return DicomVR.SS;
        }

        return choices[0];
    }

    private static string? SafeString(DicomDataset context, DicomTag tag)
    {
        var bytes = context.GetBytes(tag).Span;
        return bytes.IsEmpty ? null : System.Text.Encoding.Latin1.GetString(bytes).Trim(' ', '\0');
    }
}
