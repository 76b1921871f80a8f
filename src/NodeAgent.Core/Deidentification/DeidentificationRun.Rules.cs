using System.Text;
using NodeAgent.Dicom;
using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Core.Deidentification;

/// <summary>Conditions between attributes, and what the engine asks of a tag, a VR or a fault.</summary>
internal sealed partial class DeidentificationRun
{
    // Clinical Trial Protocol Ethics Committee Name (0012,0081) is D and its Approval Number (0012,0082) X in Table
    // E.1-1, but the Name is Type 1C, required only if the Number is present (Clinical Trial Subject Module, PS3.3 C.7.1.3):
    // a dummy Name beside a removed Number breaks the module. With the Number gone, the Name goes too, unless a site
    // override chose what happens to it.
    private void RemoveUnconditionedEthicsCommitteeName(DicomDataset dataset)
    {
        if (dataset.Contains(DicomTags.ClinicalTrialProtocolEthicsCommitteeName)
            && !dataset.Contains(DicomTags.ClinicalTrialProtocolEthicsCommitteeApprovalNumber)
            && profile.Find(DicomTags.ClinicalTrialProtocolEthicsCommitteeName) is { IsOverride: false })
        {
            dataset.Remove(DicomTags.ClinicalTrialProtocolEthicsCommitteeName);
            _counts.Add(DeidentificationAction.Remove);
        }
    }

    private static DicomVR EffectiveVR(DicomItem item)
    {
        if (item.VR != DicomVR.UN)
        {
            return item.VR;
        }

        // VR UN (Implicit VR data relayed by a peer that did not know the element): the dictionary's VR, if any.
        var known = DicomDictionary.Find(item.Tag)?.DefaultVR;
        return known is null || known == DicomVR.UN ? DicomVR.UN : known;
    }

    // Gives an element of VR UN the dictionary's VR, so its value can be read and written as that VR.
    private static DicomElement Typed(DicomDataset dataset, DicomElement element, DicomVR vr)
    {
        if (element.VR == vr)
        {
            return element;
        }

        var typed = new DicomElement(element.Tag, vr, element.Data);
        dataset.AddOrUpdate(typed);
        return typed;
    }

    private static bool IsOverlayData(DicomTag tag) => (tag.Value & 0xFF00FFFF) == 0x60003000;

    // The VRs whose unlisted values are replaced inside a sequence whose action is D: text that can name or number
    // anything, and UIDs. Coded strings (CS: enumerated terms such as Value Type), numbers, ages and binary values
    // are kept; dates and person names have rules of their own (see ConfidentialityProfile.Find).
    private static bool DummiesUnlisted(DicomVR vr) => vr.Code is "AE" or "LO" or "LT" or "SH" or "ST" or "UC" or "UR" or "UT" or "UI";

    private static bool IsFreeText(DicomTag tag, DicomVR vr) =>
        vr == DicomVR.ST || vr == DicomVR.LT || vr == DicomVR.UT || vr == DicomVR.UC || tag == DicomTags.CodeMeaning;

    // The faults a real-world value can cause: malformed text or numbers, characters the character set cannot
    // encode, values the VR cannot hold. Anything else is a bug and is not swallowed.
    private static bool IsValueFault(Exception exception) =>
        exception is DicomException or ArgumentException or FormatException or OverflowException or DecoderFallbackException
            or EncoderFallbackException;
}
