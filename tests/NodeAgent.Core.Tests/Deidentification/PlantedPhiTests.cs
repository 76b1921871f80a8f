using System.Text;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Dicom.Dictionary;
using NodeAgent.Testing;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>
/// Identifying data planted in every attribute of Table E.1-1 that can hold it, in sequences three levels deep and in
/// private blocks of several creators, must be gone from every byte of the file written after de-identification.
/// </summary>
[TestFixture]
public sealed class PlantedPhiTests
{
    // Every marker starts with this; the replacements cannot contain it (Crockford Base32 has no I, UIDs are digits).
    private const string Marker = "PHIM";

    private static readonly string[] TextCarriers = ["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UR", "UT"];
    private static readonly string[] ByteCarriers = ["OB", "OD", "OF", "OL", "OV", "OW", "UN"];
    private static readonly DicomTag[] IdentityTags = [DicomTags.PatientName, DicomTags.PatientID, DicomTags.IssuerOfPatientID, DicomTags.PatientBirthDate];

    [Test]
    public void Deidentify_PhiPlantedEverywhere_NoneOfItInTheWrittenFile()
    {
        var profile = ConfidentialityProfile.Create(DeidentificationOptions.Default);
        var originalUids = new List<string> { StudyUid, SeriesUid, InstanceUid, FrameOfReferenceUid };
        var dataset = Patient();
        var planted = 0;
        foreach (var attribute in ConfidentialityProfile.Attributes.Where(a => !a.IsPrivateAttributes))
        {
            planted += Plant(dataset, ConcreteTag(attribute), profile, originalUids, depth: 0) ? 1 : 0;
        }

        dataset.AddOrUpdate(NestedThreeLevels(profile, originalUids));
        PlantPrivate(dataset);
        using var directory = new TempDirectory("deid");
        var path = directory.Combine("out.dcm");

        Engine().Deidentify(dataset);
        new DicomFile(dataset).Save(path);

        Assert.That(planted, Is.GreaterThan(550), "markers planted in the table's attributes");
        var bytes = File.ReadAllBytes(path);
        var forbidden = new List<string> { Marker, PatientId, BirthDate, FamilyName, FamilyName.ToUpperInvariant(), GivenName, Issuer, "ACC99812", "Elsewhere", "Kildare" };
        forbidden.AddRange(originalUids);
        Assert.Multiple(() =>
        {
            foreach (var text in forbidden)
            {
                Assert.That(IndexOf(bytes, Encoding.ASCII.GetBytes(text)), Is.EqualTo(-1), $"'{text}' survived de-identification");
            }
        });
        var reread = DicomFile.Open(path).Dataset;
        Assert.That(reread.GetString(DicomTags.PatientIdentityRemoved), Is.EqualTo("YES"));
        Assert.That(reread.GetString(DicomTags.StationName), Is.EqualTo("CT01"), "a K attribute of the options is retained");
    }

    // One plausible tag for each row; the patterns get one member of their group.
    private static DicomTag ConcreteTag(ProfileAttribute attribute) => attribute.Tag.Value switch
    {
        0x50000000 => new DicomTag(0x5000, 0x2500), // (50xx,xxxx): Curve Label, LO
        _ => attribute.Tag,
    };

    private static bool Plant(DicomDataset dataset, DicomTag tag, ConfidentialityProfile profile, List<string> uids, int depth)
    {
        if (tag.Group is 0x0000 or 0x0002 || IdentityTags.Contains(tag))
        {
            return false;
        }

        var vr = DicomDictionary.Find(tag)?.DefaultVR ?? DicomVR.LO;
        var rule = profile.Find(tag, vr);
        var marker = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Marker}{tag.Value:X8}");
        if (vr == DicomVR.SQ)
        {
            dataset.AddOrUpdate(new DicomSequence(tag, Children(profile, uids, marker, depth)));
            return true;
        }

        if (rule?.Action == DeidentificationAction.Keep)
        {
            // Kept by an option of the shipped default (device identity, patient characteristics): retained by design.
            return false;
        }

        if (vr == DicomVR.UI)
        {
            var uid = $"1.2.826.0.1.3680043.9.7731.99.{uids.Count}";
            uids.Add(uid);
            dataset.AddOrUpdate(tag, vr, uid);
        }
        else if (TextCarriers.Contains(vr.Code))
        {
            dataset.AddOrUpdate(tag, vr, vr == DicomVR.AS ? Marker : vr.MaxLength is < 0 or >= 64 ? $"{marker} {FamilyName} {GivenName} chest" : marker);
        }
        else if (ByteCarriers.Contains(vr.Code))
        {
            dataset.AddOrUpdate(new DicomElement(tag, vr, Encoding.ASCII.GetBytes(marker)));
        }
        else
        {
            return false;
        }

        return true;
    }

    // An item holding identifying children that the profile handles wherever they appear.
    private static DicomDataset Children(ConfidentialityProfile profile, List<string> uids, string marker, int depth)
    {
        var item = new DicomDataset();
        item.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, PatientId);
        item.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, $"{FamilyName}^{GivenName}");
        Plant(item, DicomTags.StudyDescription, profile, uids, depth + 1);
        Plant(item, DicomTags.PatientComments, profile, uids, depth + 1);
        Plant(item, DicomTags.ReferencedSOPInstanceUID, profile, uids, depth + 1);
        Plant(item, DicomTags.StudyDate, profile, uids, depth + 1);
        item.AddOrUpdate(DicomTags.ImageComments, DicomVR.LT, $"{marker} {FamilyName}");
        return item;
    }

    // Referenced Image Sequence > Source Image Sequence > Request Attributes Sequence, each item full of markers.
    private static DicomSequence NestedThreeLevels(ConfidentialityProfile profile, List<string> uids)
    {
        var level3 = Children(profile, uids, Marker + "-L3", 3);
        var level2 = Children(profile, uids, Marker + "-L2", 2).AddOrUpdate(new DicomSequence(DicomTags.RequestAttributesSequence, level3));
        var level1 = Children(profile, uids, Marker + "-L1", 1).AddOrUpdate(new DicomSequence(DicomTags.SourceImageSequence, level2));
        return new DicomSequence(DicomTags.ReferencedImageSequence, level1);
    }

    private static void PlantPrivate(DicomDataset dataset)
    {
        var csa = dataset.ReservePrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10);
        dataset.AddOrUpdate(new DicomElement(csa, DicomVR.OB, Encoding.ASCII.GetBytes($"{Marker}-CSA {FamilyName}")));
        var own = dataset.ReservePrivateTag(0x0031, $"{Marker} CREATOR", 0x01);
        dataset.AddOrUpdate(own, DicomVR.LO, $"{Marker}-OWN {PatientId}");
        var unsafeGems = dataset.ReservePrivateTag(0x0019, "GEMS_ACQU_01", 0x22);
        dataset.AddOrUpdate(unsafeGems, DicomVR.LO, $"{Marker}-GEMS");
        var safeGems = dataset.ReservePrivateTag(0x0019, "GEMS_ACQU_01", 0x23);
        dataset.AddOrUpdate(safeGems, DicomVR.DS, "5.0");
        var sequence = dataset.ReservePrivateTag(0x0033, "ACME PRIVATE", 0x05);
        var item = new DicomDataset().AddOrUpdate(DicomTags.PatientName, DicomVR.PN, $"{FamilyName}^{Marker}");
        dataset.AddOrUpdate(new DicomSequence(sequence, item));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
