using NUnit.Framework;
using NodeAgent.Dicom.Tests.Support;

namespace NodeAgent.Dicom.Tests.IO;

/// <summary>A 1 GiB multi-frame instance is read and re-written with a small, bounded managed heap.</summary>
[TestFixture]
[Category("Memory")]
public sealed class LargeInstanceMemoryTests
{
    private const long OneGiB = 1L << 30;
    private const long HeapBudget = 64L << 20;

    [Test]
    public void OpenAndSave_OneGibibyteMultiFrame_AllocatesUnder64MiB()
    {
        var directory = Directory.CreateTempSubdirectory("nodeagent-large-");
        try
        {
            var source = Path.Combine(directory.FullName, "source.dcm");
            var copy = Path.Combine(directory.FullName, "copy.dcm");
            WriteMultiFrame(source);
            GC.Collect();

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var file = DicomFile.Open(source);
            file.Save(copy);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            Assert.That(allocated, Is.LessThan(HeapBudget), $"reading and writing 1 GiB allocated {allocated / (1 << 20)} MiB");
            Assert.That(new FileInfo(copy).Length, Is.EqualTo(new FileInfo(source).Length).Within(1024));
            Assert.That(SameTail(source, copy, 1 << 20), Is.True, "the last MiB of pixel data must be copied unchanged");
            TestContext.Out.WriteLine($"allocated {allocated / 1024} KiB; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void WriteMultiFrame(string path)
    {
        const int rows = 512, columns = 512, bytesPerFrame = rows * columns * 2;
        var frames = (int)(OneGiB / bytesPerFrame);
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0008, 0x0016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7.3")
            .AddOrUpdate(new DicomTag(0x0008, 0x0018), DicomVR.UI, DicomUid.Generate())
            .AddOrUpdate(new DicomTag(0x0028, 0x0002), DicomVR.US, (ushort)1)
            .AddOrUpdate(new DicomTag(0x0028, 0x0004), DicomVR.CS, "MONOCHROME2")
            .AddOrUpdate(new DicomTag(0x0028, 0x0008), DicomVR.IS, frames)
            .AddOrUpdate(new DicomTag(0x0028, 0x0010), DicomVR.US, (ushort)rows)
            .AddOrUpdate(new DicomTag(0x0028, 0x0011), DicomVR.US, (ushort)columns)
            .AddOrUpdate(new DicomTag(0x0028, 0x0100), DicomVR.US, (ushort)16)
            .AddOrUpdate(new DicomTag(0x0028, 0x0101), DicomVR.US, (ushort)16)
            .AddOrUpdate(new DicomTag(0x0028, 0x0102), DicomVR.US, (ushort)15)
            .AddOrUpdate(new DicomTag(0x0028, 0x0103), DicomVR.US, (ushort)0)
            .AddOrUpdate(new DicomElement(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, new PatternByteSource((long)frames * bytesPerFrame)));
        new DicomFile(dataset).Save(path);
    }

    private static bool SameTail(string first, string second, int length)
    {
        static byte[] Tail(string path, int length)
        {
            using var stream = File.OpenRead(path);
            stream.Seek(-length, SeekOrigin.End);
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        return Tail(first, length).AsSpan().SequenceEqual(Tail(second, length));
    }
}
