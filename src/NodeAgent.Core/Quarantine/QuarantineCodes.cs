namespace NodeAgent.Core.Quarantine;

/// <summary>Why an instance was quarantined: the <c>code</c> of its reason file, and the tag of the quarantine counter.</summary>
public static class QuarantineCodes
{
    /// <summary>The file does not parse as DICOM.</summary>
    public const string Unparseable = "unparseable";

    /// <summary>The data set has no SOP Instance UID.</summary>
    public const string NoSopInstanceUid = "no-sop-instance-uid";

    /// <summary>The data set's SOP Class UID is missing or differs from the File Meta Information's.</summary>
    public const string SopClassMismatch = "sop-class-mismatch";

    /// <summary>The data set has no Study or Series Instance UID, or a UID that cannot name a stored file.</summary>
    public const string InvalidUid = "invalid-uid";

    /// <summary>Native pixel data whose length does not match Rows × Columns × Samples × Bits Allocated × Frames.</summary>
    public const string PixelDataInconsistent = "pixel-data-inconsistent";

    /// <summary>An unexpected fault of NodeAgent itself; the log has a critical entry with the spool id.</summary>
    public const string InternalError = "internal-error";
}
