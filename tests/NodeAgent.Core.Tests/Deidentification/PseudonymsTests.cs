using System.Text;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Keyed pseudonyms: deterministic under one secret, unlinkable without it, readable.</summary>
[TestFixture]
public sealed class PseudonymsTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("site secret of at least 16 bytes");

    [Test]
    public void PatientPseudonym_SameInput_SamePrefixedBase32Pseudonym()
    {
        var pseudonyms = new Pseudonyms(Secret, "UKB-");

        var pseudonym = pseudonyms.PatientPseudonym("HOSP", "12345");

        Assert.That(pseudonym, Does.Match("^UKB-[0-9A-HJKMNP-TV-Z]{16}$"));
        Assert.That(new Pseudonyms(Secret, "UKB-").PatientPseudonym("HOSP", "12345  "), Is.EqualTo(pseudonym), "value padding is ignored");
    }

    [Test]
    public void PatientPseudonym_OtherSecretIssuerOrId_Different()
    {
        var pseudonyms = new Pseudonyms(Secret);
        var pseudonym = pseudonyms.PatientPseudonym("HOSP", "12345");

        Assert.That(new[]
        {
            new Pseudonyms(Encoding.ASCII.GetBytes("another secret of sixteen bytes")).PatientPseudonym("HOSP", "12345"),
            pseudonyms.PatientPseudonym("OTHER", "12345"),
            pseudonyms.PatientPseudonym(null, "12345"),
            pseudonyms.PatientPseudonym("HOSP", "12346"),
            pseudonyms.PatientPseudonym("HOSP|1", "2345"),
        }, Has.None.EqualTo(pseudonym));
    }

    [Test]
    public void DateShiftDays_ManyPatients_WithinRangeAndSpread()
    {
        var pseudonyms = new Pseudonyms(Secret);

        var shifts = Enumerable.Range(0, 2000).Select(i => pseudonyms.DateShiftDays("HOSP", $"P{i}")).ToArray();

        Assert.That(shifts, Is.All.InRange(Pseudonyms.MinimumDateShiftDays, Pseudonyms.MaximumDateShiftDays));
        Assert.That(shifts.Distinct().Count(), Is.GreaterThan(1000));
        Assert.That(pseudonyms.DateShiftDays("HOSP", "P7"), Is.EqualTo(shifts[7]));
    }

    [Test]
    public void Uid_SameUid_SameValid225Uid()
    {
        var pseudonyms = new Pseudonyms(Secret);

        var uid = pseudonyms.Uid("1.2.3.4");

        Assert.That(DicomUid.IsValid(uid), Is.True);
        Assert.That(uid, Does.StartWith("2.25."));
        Assert.That(pseudonyms.Uid("1.2.3.4\0"), Is.EqualTo(uid));
        Assert.That(pseudonyms.Uid("1.2.3.5"), Is.Not.EqualTo(uid));
    }

    [Test]
    public void Constructor_ShortSecretOrBadPrefix_Rejected()
    {
        Assert.That(() => new Pseudonyms(new byte[15]), Throws.ArgumentException);
        Assert.That(() => new Pseudonyms(Secret, "bad prefix"), Throws.ArgumentException);
        Assert.That(() => new Pseudonyms(Secret, "X\\Y"), Throws.ArgumentException);
    }
}
