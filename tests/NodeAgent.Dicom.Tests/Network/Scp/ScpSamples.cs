using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Tests.Support;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>Sample data for the listener tests: raw data set bytes, generated instances, and the element-by-element check.</summary>
internal static class ScpSamples
{
    /// <summary>The data set of a Part 10 file encoded in Explicit VR Little Endian, as a peer would send it.</summary>
    public static byte[] DatasetBytes(string path)
    {
        using var output = new MemoryStream();
        DicomFileWriter.WriteBody(DicomFile.Open(path).Dataset, TransferSyntax.ExplicitVRLittleEndian, output, DicomWriterOptions.Default);
        return output.ToArray();
    }

    /// <summary>The SOP Class UID in a file's data set.</summary>
    public static string SopClassOf(string path) =>
        DicomFile.Open(path).Dataset.GetString(DicomTags.SOPClassUID) ?? throw new InvalidOperationException($"{path} has no SOP Class UID");

    /// <summary>
    /// Writes <paramref name="count"/> copies of <paramref name="template"/> into <paramref name="directory"/>, each with a
    /// new SOP Instance UID; returns the UIDs.
    /// </summary>
    public static IReadOnlyList<string> WriteCopies(string template, string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var file = DicomFile.Open(template);
        var uids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var uid = DicomUid.Generate();
            file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid);
            file.Save(Path.Combine(directory, $"copy{i:D3}.dcm"));
            uids.Add(uid);
        }

        return uids;
    }

    /// <summary>Fails the test unless the received data set equals the original file's, element by element.</summary>
    public static void AssertSameDataset(string originalPath, ReceivedInstance received)
    {
        // DCMTK drops Data Set Trailing Padding (FFFC,FFFC) when it sends a data set; it carries no information.
        var expected = DatasetDump.Lines(DicomFile.Open(originalPath).Dataset).Where(line => !line.StartsWith("(FFFC,FFFC)", StringComparison.Ordinal)).ToList();
        var actual = DatasetDump.Lines(received.ReadDataset());
        Assert.That(actual, Is.EqualTo(expected),
            $"{Path.GetFileName(originalPath)} received in {received.TransferSyntax.Name}:{Environment.NewLine}{DatasetDump.Diff(expected, actual)}");
    }
}
