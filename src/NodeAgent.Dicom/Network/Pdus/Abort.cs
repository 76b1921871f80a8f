namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>A-ABORT (PS3.8 §9.3.8). Decoded values outside the enumerations are kept as sent.</summary>
/// <param name="Source">Service-user or service-provider.</param>
/// <param name="Reason">The reason; only significant when the source is the service-provider (send <see cref="AbortReason.NotSpecified"/> otherwise).</param>
public sealed record Abort(AbortSource Source, AbortReason Reason) : Pdu
{
    /// <inheritdoc/>
    public override PduType Type => PduType.Abort;
}
