namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// A-ASSOCIATE-RJ (PS3.8 §9.3.4). The meaning of <paramref name="Reason"/> depends on <paramref name="Source"/>
/// (Table 9-21), so it is kept as the byte sent; build one with the typed <c>Create</c> overloads. Decoded values outside
/// the enumerations are kept as sent.
/// </summary>
/// <param name="Result">Permanent or transient.</param>
/// <param name="Source">Who rejected: the service-user, or the service-provider (ACSE or Presentation related).</param>
/// <param name="Reason">The Reason/Diag byte, read according to <paramref name="Source"/>.</param>
public sealed record AssociateReject(AssociateRejectResult Result, AssociateRejectSource Source, byte Reason) : Pdu
{
    /// <inheritdoc/>
    public override PduType Type => PduType.AssociateReject;

    /// <summary>The reason as its name in the enumeration that <see cref="Source"/> selects, or as a number; for logs.</summary>
    public string ReasonName => Source switch
    {
        AssociateRejectSource.ServiceUser => ((ServiceUserRejectReason)Reason).ToString(),
        AssociateRejectSource.ServiceProviderAcse => ((AcseRejectReason)Reason).ToString(),
        AssociateRejectSource.ServiceProviderPresentation => ((PresentationRejectReason)Reason).ToString(),
        _ => Reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A rejection by the service-user (the called application).</summary>
    public static AssociateReject Create(AssociateRejectResult result, ServiceUserRejectReason reason) =>
        new(result, AssociateRejectSource.ServiceUser, (byte)reason);

    /// <summary>A rejection by the service-provider, ACSE related function.</summary>
    public static AssociateReject Create(AssociateRejectResult result, AcseRejectReason reason) =>
        new(result, AssociateRejectSource.ServiceProviderAcse, (byte)reason);

    /// <summary>A rejection by the service-provider, Presentation related function.</summary>
    public static AssociateReject Create(AssociateRejectResult result, PresentationRejectReason reason) =>
        new(result, AssociateRejectSource.ServiceProviderPresentation, (byte)reason);
}
