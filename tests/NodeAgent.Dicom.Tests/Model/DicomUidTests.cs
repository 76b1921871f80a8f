using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Model;

[TestFixture]
public sealed class DicomUidTests
{
    [TestCase("1.2.840.10008.1.2.1")]
    [TestCase("2.25.0")]
    [TestCase("0.1")]
    public void IsValid_WellFormed_True(string uid) => Assert.That(DicomUid.IsValid(uid), Is.True);

    [TestCase("")]
    [TestCase("1.2.")]
    [TestCase(".1.2")]
    [TestCase("1..2")]
    [TestCase("1.02")]
    [TestCase("1.2a")]
    [TestCase("1.2.3 ")]
    [TestCase("1.2345678901234567890123456789012345678901234567890123456789012345")]
    public void IsValid_Malformed_False(string uid) => Assert.That(DicomUid.IsValid(uid), Is.False);

    [Test]
    public void Generate_TwoCalls_DifferentValidUuidUids()
    {
        var first = DicomUid.Generate();
        var second = DicomUid.Generate();

        Assert.That(first, Does.StartWith("2.25."));
        Assert.That(DicomUid.IsValid(first) && DicomUid.IsValid(second), Is.True);
        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void FromKey_SameKey_SameUid_OtherKey_OtherUid()
    {
        var a = DicomUid.FromKey("site|1.2.3"u8);
        var again = DicomUid.FromKey("site|1.2.3"u8);
        var b = DicomUid.FromKey("site|1.2.4"u8);

        Assert.That(a, Is.EqualTo(again));
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(DicomUid.IsValid(a), Is.True);
        Assert.That(a.Length, Is.LessThanOrEqualTo(DicomUid.MaxLength));
    }

    [Test]
    public void ImplementationClassUid_IsValid() =>
        Assert.That(DicomUid.IsValid(DicomUid.ImplementationClassUid) && DicomUid.ImplementationVersionName.Length <= 16, Is.True);
}
