using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Model;

[TestFixture]
public sealed class DicomDatasetTests
{
    private static readonly DicomTag Rows = new(0x0028, 0x0010);

    [Test]
    public void AddOrUpdate_OutOfOrder_EnumeratesInTagOrder()
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0020, 0x000D), DicomVR.UI, "1.2")
            .AddOrUpdate(new DicomTag(0x0008, 0x0060), DicomVR.CS, "CT")
            .AddOrUpdate(new DicomTag(0x0010, 0x0010), DicomVR.PN, "A^B");

        Assert.That(dataset.Select(item => item.Tag.Group), Is.EqualTo(new ushort[] { 0x0008, 0x0010, 0x0020 }));
    }

    [Test]
    public void AddOrUpdate_SameTag_ReplacesValue()
    {
        var dataset = new DicomDataset().AddOrUpdate(Rows, DicomVR.US, (ushort)256).AddOrUpdate(Rows, DicomVR.US, (ushort)512);

        Assert.That(dataset.Count, Is.EqualTo(1));
        Assert.That(dataset.GetNumber<int>(Rows), Is.EqualTo(512));
    }

    [Test]
    public void GetStrings_MultiValuedCodeString_SplitsAndTrims()
    {
        var dataset = new DicomDataset().AddOrUpdate(new DicomTag(0x0008, 0x0008), DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL");

        Assert.That(dataset.GetStrings(new DicomTag(0x0008, 0x0008)), Is.EqualTo(new[] { "ORIGINAL", "PRIMARY", "AXIAL" }));
    }

    [Test]
    public void GetString_OddLengthUid_PaddedWithNulAndTrimmed()
    {
        var dataset = new DicomDataset().AddOrUpdate(new DicomTag(0x0008, 0x0018), DicomVR.UI, "1.2.3");

        Assert.That(dataset.GetBytes(new DicomTag(0x0008, 0x0018)).ToArray(), Is.EqualTo("1.2.3\0"u8.ToArray()));
        Assert.That(dataset.GetString(new DicomTag(0x0008, 0x0018)), Is.EqualTo("1.2.3"));
    }

    [Test]
    public void GetNumbers_DecimalString_ParsesEachValue()
    {
        var dataset = new DicomDataset().AddOrUpdate(new DicomTag(0x0028, 0x0030), DicomVR.DS, "0.5", "0.75 ");

        Assert.That(dataset.GetNumbers<double>(new DicomTag(0x0028, 0x0030)), Is.EqualTo(new[] { 0.5, 0.75 }));
    }

    [Test]
    public void GetNumbers_IntegerStringNotANumber_ThrowsValueException()
    {
        var tag = new DicomTag(0x0028, 0x0008);
        var dataset = new DicomDataset().AddOrUpdate(tag, DicomVR.IS, "1A");

        var error = Assert.Throws<DicomValueException>(() => dataset.GetNumbers<int>(tag));

        Assert.That(error!.Message, Does.Contain("'1A' is not a valid IS number"));
        Assert.That(error.Tag, Is.EqualTo(tag));
    }

    [Test]
    public void GetNumbers_BinaryVRs_ReadLittleEndian()
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0028, 0x0106), DicomVR.SS, (short)-5, (short)7)
            .AddOrUpdate(new DicomTag(0x0018, 0x9306), DicomVR.FD, 1.25)
            .AddOrUpdate(new DicomTag(0x0072, 0x0082), DicomVR.SV, long.MinValue)
            .AddOrUpdate(new DicomTag(0x0072, 0x0083), DicomVR.UV, ulong.MaxValue);

        Assert.That(dataset.GetNumbers<int>(new DicomTag(0x0028, 0x0106)), Is.EqualTo(new[] { -5, 7 }));
        Assert.That(dataset.GetNumber<double>(new DicomTag(0x0018, 0x9306)), Is.EqualTo(1.25));
        Assert.That(dataset.GetNumber<long>(new DicomTag(0x0072, 0x0082)), Is.EqualTo(long.MinValue));
        Assert.That(dataset.GetNumber<ulong>(new DicomTag(0x0072, 0x0083)), Is.EqualTo(ulong.MaxValue));
    }

    [Test]
    public void GetTags_AttributeTag_RoundTrips()
    {
        var tag = new DicomTag(0x0020, 0x9165);
        var dataset = new DicomDataset().AddOrUpdate(tag, new DicomTag(0x0020, 0x9056), new DicomTag(0x0020, 0x9057));

        Assert.That(dataset.GetTags(tag), Is.EqualTo(new[] { new DicomTag(0x0020, 0x9056), new DicomTag(0x0020, 0x9057) }));
    }

    [TestCase("20040119", 2004, 1, 19)]
    [TestCase("2004.01.19", 2004, 1, 19)]
    public void GetDate_ValidForms_Parses(string text, int year, int month, int day)
    {
        var tag = new DicomTag(0x0008, 0x0020);
        var dataset = new DicomDataset().AddOrUpdate(tag, DicomVR.DA, text);

        Assert.That(dataset.GetDate(tag), Is.EqualTo(new DateOnly(year, month, day)));
    }

    [Test]
    public void GetDate_Malformed_ThrowsValueException()
    {
        var tag = new DicomTag(0x0008, 0x0020);
        var dataset = new DicomDataset().AddOrUpdate(tag, DicomVR.DA, "2004131");

        Assert.Throws<DicomValueException>(() => dataset.GetDate(tag));
    }

    [TestCase("07", 7, 0, 0, 0)]
    [TestCase("0727", 7, 27, 0, 0)]
    [TestCase("072731.5", 7, 27, 31, 500)]
    [TestCase("07:27:31", 7, 27, 31, 0)]
    public void GetTime_ValidForms_Parses(string text, int hour, int minute, int second, int millisecond)
    {
        var tag = new DicomTag(0x0008, 0x0030);
        var dataset = new DicomDataset().AddOrUpdate(tag, DicomVR.TM, text);

        Assert.That(dataset.GetTime(tag), Is.EqualTo(new TimeOnly(hour, minute, second, millisecond)));
    }

    [Test]
    public void GetDateTime_WithOffset_KeepsOffset()
    {
        var tag = new DicomTag(0x0008, 0x002A);
        var dataset = new DicomDataset().AddOrUpdate(tag, DicomVR.DT, "20040119072731-0500");

        var value = dataset.GetDateTime(tag);

        Assert.That(value, Is.EqualTo(new DateTimeOffset(2004, 1, 19, 7, 27, 31, TimeSpan.FromHours(-5))));
    }

    [Test]
    public void ReservePrivateTag_NewCreator_TakesFirstFreeBlock()
    {
        var dataset = new DicomDataset().AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "GEMS_IDEN_01");

        var tag = dataset.ReservePrivateTag(0x0009, "NODEAGENT", 0x01);

        Assert.That(tag, Is.EqualTo(new DicomTag(0x0009, 0x1101)));
        Assert.That(dataset.GetString(new DicomTag(0x0009, 0x0011)), Is.EqualTo("NODEAGENT"));
        Assert.That(dataset.GetPrivateCreator(tag), Is.EqualTo("NODEAGENT"));
    }

    [Test]
    public void FindPrivateTag_CreatorInAnotherBlock_ResolvesByCreatorNotNumber()
    {
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0019, 0x0010), DicomVR.LO, "OTHER")
            .AddOrUpdate(new DicomTag(0x0019, 0x0011), DicomVR.LO, "GEMS_ACQU_01 ");

        Assert.That(dataset.FindPrivateTag(0x0019, "GEMS_ACQU_01", 0x23), Is.EqualTo(new DicomTag(0x0019, 0x1123)));
        Assert.That(dataset.FindPrivateTag(0x0019, "ABSENT", 0x23), Is.Null);
    }

    [Test]
    public void CharacterSet_SequenceItemWithoutOwn_InheritsFromParent()
    {
        var item = new DicomDataset();
        var dataset = new DicomDataset()
            .AddOrUpdate(new DicomTag(0x0008, 0x0005), DicomVR.CS, "ISO_IR 192")
            .AddOrUpdate(new DicomSequence(new DicomTag(0x0008, 0x1115), item));

        Assert.That(item.CharacterSet.Terms, Is.EqualTo(new[] { "ISO_IR 192" }));
    }
}
