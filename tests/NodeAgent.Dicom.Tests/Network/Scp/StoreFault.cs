namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Where a <see cref="FaultyStoreHandler"/> fails.</summary>
public enum StoreFault
{
    /// <summary>BeginAsync throws.</summary>
    Begin,

    /// <summary>The sink's WriteAsync throws.</summary>
    Write,

    /// <summary>The sink's CompleteAsync throws.</summary>
    Complete,
}
