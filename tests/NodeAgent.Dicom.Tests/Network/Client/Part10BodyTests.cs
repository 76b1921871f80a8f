using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Client;

[TestFixture]
public sealed class Part10BodyTests
{
    [TestCase("pydicom/CT_small.dcm")]
    [TestCase("pydicom/MR_small_implicit.dcm")]
    [TestCase("pydicom/no_meta_group_length.dcm")]
    [TestCase("pydicom/JPEG2000.dcm")]
    public async Task FindOffsetAsync_FileWithMeta_BytesFromThereAreTheDataSet(string name)
    {
        var path = Samples.PathOf(name);
        var file = DicomFile.Open(path);

        var offset = await Part10Body.FindOffsetAsync(path, CancellationToken.None);

        Assert.That(offset, Is.Not.Null);
        await using var body = File.OpenRead(path);
        body.Seek(offset!.Value, SeekOrigin.Begin);
        var dataset = DicomFile.ReadDataset(body, file.TransferSyntax);
        Assert.That(DatasetDump.Lines(dataset), Is.EqualTo(DatasetDump.Lines(file.Dataset)));
    }

    [TestCase("pydicom/rtstruct.dcm")]
    [TestCase("pydicom/no_meta.dcm")]
    [TestCase("pydicom/ExplVR_LitEndNoMeta.dcm")]
    public async Task FindOffsetAsync_FileWithoutMeta_ReturnsNull(string name)
    {
        Assert.That(await Part10Body.FindOffsetAsync(Samples.PathOf(name), CancellationToken.None), Is.Null);
    }
}
