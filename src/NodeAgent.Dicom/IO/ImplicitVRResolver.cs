using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// Chooses the VR of an element read in implicit VR (PS3.5 Annex A.1). The dictionary's rule
/// (<see cref="DicomDictionary.VRFor"/>) decides; the only refinement needs the data set being read: a
/// US-or-SS element is SS when Pixel Representation (0028,0103) says two's complement.
/// </summary>
internal static class ImplicitVRResolver
{
    private static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);

    public static DicomVR Resolve(DicomTag tag, DicomDataset context)
    {
        if (tag.IsPrivateCreator)
        {
            return DicomVR.LO;
        }

        var creator = tag.IsPrivate && tag.PrivateCreatorTag is { } creatorTag ? SafeString(context, creatorTag) : null;
        if (tag.IsPrivate && creator is null)
        {
            return DicomVR.UN;
        }

        var vr = DicomDictionary.VRFor(tag, creator);
        if (vr == DicomVR.US && !tag.IsPrivate && DicomDictionary.Find(tag)?.ValueRepresentations.Contains(DicomVR.SS) == true
            && context.GetNumbers<int>(PixelRepresentation) is [1, ..])
        {
            return DicomVR.SS;
        }

        return vr;
    }

    private static string? SafeString(DicomDataset context, DicomTag tag)
    {
        var bytes = context.GetBytes(tag).Span;
        return bytes.IsEmpty ? null : System.Text.Encoding.Latin1.GetString(bytes).Trim(' ', '\0');
    }
}
