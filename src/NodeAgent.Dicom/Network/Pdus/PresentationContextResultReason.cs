namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The Result/Reason field of a Presentation Context Item in an A-ASSOCIATE-AC (PS3.8 §9.3.3.2, Table 9-18).</summary>
public enum PresentationContextResultReason : byte
{
    /// <summary>acceptance.</summary>
    Acceptance = 0,

    /// <summary>user-rejection.</summary>
    UserRejection = 1,

    /// <summary>no-reason (provider rejection).</summary>
    NoReason = 2,

    /// <summary>abstract-syntax-not-supported (provider rejection).</summary>
    AbstractSyntaxNotSupported = 3,

    /// <summary>transfer-syntaxes-not-supported (provider rejection).</summary>
    TransferSyntaxesNotSupported = 4,
}
