namespace NodeAgent.Dicom.Text;

/// <summary>
/// Where a value returns to the designations of value 1 of (0008,0005) (PS3.5 §6.1.2.5.3): before CR, LF, FF,
/// TAB and any other control character but ESC; before the backslash between values of a multi-valued VR; and
/// in PN before the '^' between components and the '=' between component groups. The start of a value is the
/// same state, and a writer must return to it before the value ends.
/// </summary>
internal static class Iso2022Delimiters
{
    /// <summary>The escape character (01/11) that starts a designation.</summary>
    public const byte Escape = 0x1B;

    /// <summary>True when the character at this position puts the value back in its initial designations.</summary>
    public static bool IsResetPoint(int c, DicomVR vr) =>
        (c < 0x20 && c != Escape)
        || (c == '\\' && vr.IsMultiValueText)
        || (c is '^' or '=' && ReferenceEquals(vr, DicomVR.PN));
}
