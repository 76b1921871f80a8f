namespace NodeAgent.Dicom;

/// <summary>The broad kind of value a VR holds.</summary>
public enum DicomVRKind
{
    /// <summary>One text value (LT, ST, UT, UR): a backslash is an ordinary character.</summary>
    Text,

    /// <summary>Text that may hold several values separated by backslashes.</summary>
    MultiValueText,

    /// <summary>Fixed-size binary numbers (US, SS, UL, SL, FL, FD, SV, UV).</summary>
    Binary,

    /// <summary>Attribute tags (AT).</summary>
    Tag,

    /// <summary>Opaque byte or word streams (OB, OW, OD, OF, OL, OV, UN).</summary>
    Bytes,

    /// <summary>A sequence of items (SQ).</summary>
    Sequence,
}
