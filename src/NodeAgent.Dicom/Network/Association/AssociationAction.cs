namespace NodeAgent.Dicom.Network.Association;

/// <summary>The actions of the protocol machine (PS3.8 Table 9-6 to 9-9), named after what the caller must do.</summary>
public enum AssociationAction
{
    /// <summary>AE-1: open the transport connection.</summary>
    ConnectTransport,

    /// <summary>AE-2: send the A-ASSOCIATE-RQ PDU.</summary>
    SendAssociateRequest,

    /// <summary>AE-3: the association is accepted (A-ASSOCIATE confirmation, accept).</summary>
    ConfirmAccepted,

    /// <summary>AE-4: the association is rejected; close the transport.</summary>
    ConfirmRejected,

    /// <summary>AE-5: accept the transport connection and start the ARTIM timer.</summary>
    AcceptTransport,

    /// <summary>AE-6: stop ARTIM and judge the request: indicate it to the user, or reject it.</summary>
    JudgeAssociateRequest,

    /// <summary>AE-7: send the A-ASSOCIATE-AC PDU.</summary>
    SendAssociateAccept,

    /// <summary>AE-8: send the A-ASSOCIATE-RJ PDU and start ARTIM.</summary>
    SendAssociateReject,

    /// <summary>DT-1: send a P-DATA-TF PDU.</summary>
    SendData,

    /// <summary>DT-2 / AR-6: hand the received P-DATA to the user.</summary>
    DeliverData,

    /// <summary>AR-1: send the A-RELEASE-RQ PDU.</summary>
    SendReleaseRequest,

    /// <summary>AR-2 / AR-8 (acceptor): indicate the release request to the user.</summary>
    IndicateRelease,

    /// <summary>AR-3: the release is confirmed; close the transport.</summary>
    ConfirmReleaseAndClose,

    /// <summary>AR-4 / AR-9: send the A-RELEASE-RP PDU (and start ARTIM when the association ends here).</summary>
    SendReleaseResponse,

    /// <summary>AR-5 / AA-5: stop ARTIM; the connection is gone.</summary>
    StopTimer,

    /// <summary>AR-7: send a P-DATA-TF PDU while a release is pending.</summary>
    SendDataDuringRelease,

    /// <summary>AR-10: the release collision is resolved for the acceptor: confirm the release.</summary>
    ConfirmReleaseCollision,

    /// <summary>AA-1 / AA-7 / AA-8: send an A-ABORT PDU and start ARTIM (AA-8 also indicates a provider abort).</summary>
    SendAbort,

    /// <summary>AA-2: stop ARTIM and close the transport.</summary>
    CloseTransport,

    /// <summary>AA-3 / AA-4: indicate the abort to the user and close the transport.</summary>
    IndicateAbortAndClose,

    /// <summary>AA-6: ignore the PDU.</summary>
    Ignore,
}
