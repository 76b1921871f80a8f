using NodeAgent.Dicom;
using NodeAgent.Testing;

namespace NodeAgent.Tests.Support;

/// <summary>
/// Small, valid instances for sending in bulk: copies of the pydicom CT sample (38 KB) in one new study and series, each
/// with its own SOP Instance UID, so a 200-instance send takes a second or two.
/// </summary>
public static class SyntheticStudy
{
    /// <summary>Writes <paramref name="count"/> instances into <paramref name="directory"/>; returns path and SOP Instance UID of each, in name order.</summary>
    public static IReadOnlyList<(string Path, string SopInstanceUid)> Write(string directory, int count)
    {
        var template = DicomFile.Open(RepoPaths.RequireSample("pydicom/CT_small.dcm"));
        var study = DicomUid.Generate();
        var series = DicomUid.Generate();
        Directory.CreateDirectory(directory);
        var written = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var uid = DicomUid.Generate();
            var dataset = template.Dataset
                .AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, study)
                .AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, series)
                .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid)
                .AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, i + 1);
            var path = Path.Combine(directory, $"{i:D4}.dcm");
            new DicomFile(dataset, template.TransferSyntax).Save(path);
            written.Add((path, uid));
        }

        return written;
    }
}
