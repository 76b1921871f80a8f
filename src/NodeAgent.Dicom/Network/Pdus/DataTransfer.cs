namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// P-DATA-TF (PS3.8 §9.3.5): one or more presentation data values.
/// <para>
/// Ownership: a <see cref="DataTransfer"/> returned by <see cref="PduReader.ReadAsync"/> holds the pooled buffer the PDU
/// was read into, and every <see cref="PresentationDataValue.Data"/> slices it without a copy. The caller owns it and must
/// dispose it once the fragments have been consumed (copied to a file, parsed); the fragments must not be used afterwards.
/// Disposing more than once, or disposing a copy made with <c>with</c>, returns the buffer only once. One built with the
/// public constructor references the caller's memory and its disposal does nothing.
/// </para>
/// </summary>
public sealed record DataTransfer : Pdu, IDisposable
{
    private readonly RentedBuffer? _buffer;

    /// <summary>Creates a P-DATA-TF over the caller's fragments (no copy is made).</summary>
    /// <param name="values">The presentation data values, at least one when encoding.</param>
    public DataTransfer(IReadOnlyList<PresentationDataValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    internal DataTransfer(IReadOnlyList<PresentationDataValue> values, RentedBuffer buffer)
        : this(values)
    {
        _buffer = buffer;
    }

    /// <summary>The presentation data values in the order they were sent.</summary>
    public IReadOnlyList<PresentationDataValue> Values { get; }

    /// <inheritdoc/>
    public override PduType Type => PduType.DataTransfer;

    /// <summary>Returns the pooled buffer the fragments slice, if this PDU was read by <see cref="PduReader"/>.</summary>
    public void Dispose() => _buffer?.Dispose();
}
