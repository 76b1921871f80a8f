namespace NodeAgent.Dicom.Network;

/// <summary>Either a sink that takes the data set, or a refusal answered without storing.</summary>
public sealed record StoreStart
{
    private StoreStart(IStoreSink? sink, StoreResult? refusal)
    {
        Sink = sink;
        Refusal = refusal;
    }

    /// <summary>The sink, when the data set is accepted.</summary>
    public IStoreSink? Sink { get; }

    /// <summary>The refusal, when it is not.</summary>
    public StoreResult? Refusal { get; }

    /// <summary>Take the data set into this sink.</summary>
    public static StoreStart Accept(IStoreSink sink) => new(sink ?? throw new ArgumentNullException(nameof(sink)), null);

    /// <summary>Refuse it with this result.</summary>
    public static StoreStart Refuse(StoreResult result) => new(null, result ?? throw new ArgumentNullException(nameof(result)));
}
