using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Core.Spool;

/// <summary>
/// Processes an instance while it arrives (the ingest pipeline): its head is validated, pseudonymised and
/// standardised before the pixel data comes, so the pixel data is written once, behind the processed head.
/// </summary>
public interface IInstancePreparer
{
    /// <summary>
    /// Validates and processes the head. Null when the instance must go the long way instead (spooled as received,
    /// then processed by the pipeline, which quarantines what fails): any doubt declines, it never rejects.
    /// </summary>
    PreparedHead? TryPrepare(DatasetHead head, StoreRequestContext context);

    /// <summary>A prepared instance is durable in the spool and acknowledged: store and index it.</summary>
    void Prepared(ReadyInstance instance);
}
