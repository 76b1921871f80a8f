namespace NodeAgent.Dicom.Network.Dimse;

/// <summary>A DIMSE status (0000,0900) with the classes of PS3.7 Annex C and the C-STORE codes of PS3.4 B.2.3.</summary>
public readonly record struct DimseStatus(ushort Code)
{
    /// <summary>0000: the operation completed.</summary>
    public static DimseStatus Success => new(0x0000);

    /// <summary>A700: out of resources (PS3.4 B.2.3), e.g. the disk is below its free-space floor.</summary>
    public static DimseStatus OutOfResources => new(0xA700);

    /// <summary>A900: the data set does not match the SOP class (PS3.4 B.2.3).</summary>
    public static DimseStatus DataSetDoesNotMatchSopClass => new(0xA900);

    /// <summary>C000: cannot understand (PS3.4 B.2.3), e.g. the data set does not parse.</summary>
    public static DimseStatus CannotUnderstand => new(0xC000);

    /// <summary>0110: processing failure (PS3.7 C.4.1.3).</summary>
    public static DimseStatus ProcessingFailure => new(0x0110);

    /// <summary>0122: the SOP class is not supported (PS3.7 C.5.7).</summary>
    public static DimseStatus SopClassNotSupported => new(0x0122);

    /// <summary>0211: unrecognised operation (PS3.7 C.5.15).</summary>
    public static DimseStatus UnrecognizedOperation => new(0x0211);

    /// <summary>B000: coercion of data elements (PS3.4 B.2.3 warning).</summary>
    public static DimseStatus CoercionOfDataElements => new(0xB000);

    /// <summary>True for 0000.</summary>
    public bool IsSuccess => Code == 0x0000;

    /// <summary>True for the warning codes (0001, Bxxx, 0107, 0116).</summary>
    public bool IsWarning => Code is 0x0001 or 0x0107 or 0x0116 || (Code & 0xF000) == 0xB000;

    /// <summary>True for FF00/FF01, which announce more responses.</summary>
    public bool IsPending => Code is 0xFF00 or 0xFF01;

    /// <summary>True for every failure code.</summary>
    public bool IsFailure => !IsSuccess && !IsWarning && !IsPending && Code != 0xFE00;

    /// <inheritdoc/>
    public override string ToString() => $"{Code:X4} ({Describe()})";

    private string Describe() => Code switch
    {
        0x0000 => "success",
        0x0110 => "processing failure",
        0x0122 => "SOP class not supported",
        0x0211 => "unrecognized operation",
        0xFE00 => "cancel",
        _ when IsPending => "pending",
        _ when IsWarning => "warning",
        _ when (Code & 0xFF00) == 0xA700 => "out of resources",
        _ when (Code & 0xFF00) == 0xA900 => "data set does not match SOP class",
        _ when (Code & 0xF000) == 0xC000 => "cannot understand",
        _ => "failure",
    };
}
