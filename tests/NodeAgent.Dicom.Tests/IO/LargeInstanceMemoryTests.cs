using NUnit.Framework;
using NodeAgent.Testing;

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
            SyntheticMultiFrame.Write(source, frames: (int)(OneGiB / (512 * 512 * 2)));
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
