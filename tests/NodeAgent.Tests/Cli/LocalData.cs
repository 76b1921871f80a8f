using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Core.Index;
using NodeAgent.Core.Secrets;

namespace NodeAgent.Tests.Cli;

/// <summary>A data directory with a site secret and an index of one series per patient: 40 CT and 3 MR patients.</summary>
internal static class LocalData
{
    public static void Create(string dataDirectory)
    {
        SiteSecret.LoadOrCreate(dataDirectory, indexHoldsData: false, NullLogger.Instance);
        using var index = LiteDbInstanceIndex.OpenInDirectory(dataDirectory);
        index.WriteBatch([.. Entries("CT", 40), .. Entries("MR", 3)], IndexWriteMode.Replace, DateTime.UtcNow);
    }

    private static IEnumerable<IndexEntry> Entries(string modality, int patients)
    {
        for (var p = 0; p < patients; p++)
        {
            for (var i = 0; i < 3; i++)
            {
                yield return new IndexEntry(
                    InstanceKey: $"{modality}-{p}-{i}",
                    PatientId: $"{modality}-patient-{p}",
                    StudyInstanceUid: $"2.25.1{p}",
                    SeriesInstanceUid: $"2.25.2{p}.{modality.Length}{(int)modality[0]}",
                    SopInstanceUid: $"2.25.3{p}.{i}.{(int)modality[0]}",
                    StoredPath: $"/data/store/{modality}-{p}-{i}.dcm",
                    Sha256: new string('0', 64),
                    Size: 1000,
                    Dimensions: new InstanceDimensions { Modality = modality, Sex = p % 2 == 0 ? "F" : "M", AgeYears = 40 + p });
            }
        }
    }
}
