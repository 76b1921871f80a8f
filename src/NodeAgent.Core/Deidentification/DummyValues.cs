using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The dummy values of action D (PS3.15 Table E.1-1a: "a non-zero length value that may be a dummy value and
/// consistent with the VR"). They are fixed, so a dummy tells nothing about the value it replaced.
/// </summary>
internal static class DummyValues
{
    /// <summary>The dummy of the free-text and name VRs; fits the shortest of them (SH, 16 characters).</summary>
    public const string Text = "ANONYMIZED";

    /// <summary>The dummy text value for a text VR, or null for a VR that holds no text (binary, AT, UI, SQ).</summary>
    public static string? TextFor(DicomVR vr) => vr.Code switch
    {
        "DA" => "19000101",
        "DT" => "19000101000000",
        "TM" => "000000",
        "DS" or "IS" => "0",
        "AS" => "000D",
        "AE" or "CS" or "LO" or "LT" or "PN" or "SH" or "ST" or "UC" or "UR" or "UT" => Text,
        _ => null,
    };

    /// <summary>The dummy of a binary VR: one zero value (AT, US, SS, UL, SL, FL, FD, SV, UV), or zero bytes of even length.</summary>
    public static byte[] BytesFor(DicomVR vr) => new byte[vr == DicomVR.AT ? 4 : Math.Max(2, vr.UnitSize)];
}
