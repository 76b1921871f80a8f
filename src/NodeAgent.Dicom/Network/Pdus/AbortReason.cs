namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>The reason/diag field of an A-ABORT sent by the service-provider (PS3.8 §9.3.8, Table 9-26). The value 3 is reserved.</summary>
public enum AbortReason : byte
{
    /// <summary>reason-not-specified.</summary>
    NotSpecified = 0,

    /// <summary>unrecognized-PDU: the PDU-type is not one of the seven.</summary>
    UnrecognizedPdu = 1,

    /// <summary>unexpected-PDU: a valid PDU that the association state does not allow.</summary>
    UnexpectedPdu = 2,

    /// <summary>unrecognized-PDU-parameter.</summary>
    UnrecognizedPduParameter = 4,

    /// <summary>unexpected-PDU-parameter: a known item where it may not appear, or repeated where it must be single.</summary>
    UnexpectedPduParameter = 5,

    /// <summary>invalid-PDU-parameter-value: lengths that do not add up, ids out of range, limits exceeded.</summary>
    InvalidPduParameterValue = 6,
}
