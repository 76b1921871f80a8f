using System.Globalization;
using System.Text;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Testing.Corpus;

/// <summary>
/// Plants identifying data into a data set: a distinct marker (<see cref="Marker"/> + the tag in hex) into every
/// attribute of PS3.15 Table E.1-1 that can hold text, sequences three levels deep full of markers and the
/// patient's identity, private elements of several creators, and free text that names the patient. Every UID it
/// plants is recorded in <see cref="OriginalUids"/>. Attributes the profile keeps by design are left alone.
/// </summary>
public sealed class PhiPlanter
{
    /// <summary>Every marker starts with this; no replacement can contain it (Crockford Base32 has no I, UIDs are digits).</summary>
    public const string Marker = "PHIM";

    private static readonly string[] TextCarriers = ["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UR", "UT"];
    private static readonly string[] ByteCarriers = ["OB", "OD", "OF", "OL", "OV", "OW", "UN"];

    // The identity and the instance's own UIDs come from the base data set; planting over them would only lose them.
    private static readonly DicomTag[] BaseTags =
    [
        DicomTags.PatientName, DicomTags.PatientID, DicomTags.IssuerOfPatientID, DicomTags.PatientBirthDate,
        DicomTags.SOPInstanceUID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.FrameOfReferenceUID,
    ];

    private readonly ConfidentialityProfile _profile;
    private readonly SyntheticPatient _patient;
    private readonly string _uidRoot;
    private readonly List<string> _uids = [];

    /// <summary>Plants what <paramref name="profile"/> does not keep; planted UIDs are made under <paramref name="uidRoot"/>.</summary>
    public PhiPlanter(ConfidentialityProfile profile, SyntheticPatient patient, string uidRoot)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentException.ThrowIfNullOrWhiteSpace(uidRoot);
        _profile = profile;
        _patient = patient;
        _uidRoot = uidRoot;
    }

    /// <summary>Every UID planted so far.</summary>
    public IReadOnlyList<string> OriginalUids => _uids;

    /// <summary>Plants everything into <paramref name="dataset"/>; returns how many Table E.1-1 attributes got a marker.</summary>
    public int PlantEverywhere(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var planted = 0;
        foreach (var attribute in ConfidentialityProfile.Attributes.Where(a => !a.IsPrivateAttributes))
        {
            planted += Plant(dataset, ConcreteTag(attribute), depth: 0) ? 1 : 0;
        }

        dataset.AddOrUpdate(NestedThreeLevels());
        PlantPrivate(dataset);
        return planted;
    }

    // One plausible tag for each row; the patterns get one member of their group.
    private static DicomTag ConcreteTag(ProfileAttribute attribute) => attribute.Tag.Value switch
    {
        0x50000000 => new DicomTag(0x5000, 0x2500), // (50xx,xxxx): Curve Label, LO
        _ => attribute.Tag,
    };

    private bool Plant(DicomDataset dataset, DicomTag tag, int depth)
    {
        if (tag.Group is 0x0000 or 0x0002 || BaseTags.Contains(tag))
        {
            return false;
        }

        var vr = DicomDictionary.Find(tag)?.DefaultVR ?? DicomVR.LO;
        var marker = string.Create(CultureInfo.InvariantCulture, $"{Marker}{tag.Value:X8}");
        if (vr == DicomVR.SQ)
        {
            dataset.AddOrUpdate(new DicomSequence(tag, Children(marker, depth)));
            return true;
        }

        if (_profile.Find(tag, vr)?.Action == DeidentificationAction.Keep)
        {
            // Kept by an option of the profile (device identity, patient characteristics): retained by design.
            return false;
        }

        if (vr == DicomVR.UI)
        {
            dataset.AddOrUpdate(tag, vr, NewUid());
        }
        else if (TextCarriers.Contains(vr.Code))
        {
            var text = vr == DicomVR.AS ? Marker
                : vr.MaxLength is < 0 or >= 64 ? $"{marker} {_patient.FamilyName} {_patient.GivenName} chest"
                : marker;
            dataset.AddOrUpdate(tag, vr, text);
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

    private string NewUid()
    {
        var uid = string.Create(CultureInfo.InvariantCulture, $"{_uidRoot}.99.{_uids.Count + 1}");
        _uids.Add(uid);
        return uid;
    }

    // An item holding identifying children that the profile handles wherever they appear.
    private DicomDataset Children(string marker, int depth)
    {
        var item = new DicomDataset();
        item.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, _patient.PatientId);
        item.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, _patient.PersonName);
        Plant(item, DicomTags.StudyDescription, depth + 1);
        Plant(item, DicomTags.PatientComments, depth + 1);
        Plant(item, DicomTags.ReferencedSOPInstanceUID, depth + 1);
        Plant(item, DicomTags.StudyDate, depth + 1);
        item.AddOrUpdate(DicomTags.ImageComments, DicomVR.LT, $"{marker} {_patient.FamilyName}");
        return item;
    }

    // Referenced Image Sequence > Source Image Sequence > Request Attributes Sequence, each item full of markers.
    private DicomSequence NestedThreeLevels()
    {
        var level3 = Children(Marker + "-L3", 3);
        var level2 = Children(Marker + "-L2", 2).AddOrUpdate(new DicomSequence(DicomTags.RequestAttributesSequence, level3));
        var level1 = Children(Marker + "-L1", 1).AddOrUpdate(new DicomSequence(DicomTags.SourceImageSequence, level2));
        return new DicomSequence(DicomTags.ReferencedImageSequence, level1);
    }

    private void PlantPrivate(DicomDataset dataset)
    {
        var csa = dataset.ReservePrivateTag(0x0029, "SIEMENS CSA HEADER", 0x10);
        dataset.AddOrUpdate(new DicomElement(csa, DicomVR.OB, Encoding.ASCII.GetBytes($"{Marker}-CSA {_patient.FamilyName}")));
        var own = dataset.ReservePrivateTag(0x0031, $"{Marker} CREATOR", 0x01);
        dataset.AddOrUpdate(own, DicomVR.LO, $"{Marker}-OWN {_patient.PatientId}");
        var unsafeGems = dataset.ReservePrivateTag(0x0019, "GEMS_ACQU_01", 0x22);
        dataset.AddOrUpdate(unsafeGems, DicomVR.LO, $"{Marker}-GEMS");
        var safeGems = dataset.ReservePrivateTag(0x0019, "GEMS_ACQU_01", 0x23);
        dataset.AddOrUpdate(safeGems, DicomVR.DS, "5.0");
        var sequence = dataset.ReservePrivateTag(0x0033, "ACME PRIVATE", 0x05);
        var item = new DicomDataset().AddOrUpdate(DicomTags.PatientName, DicomVR.PN, $"{_patient.FamilyName}^{Marker}");
        dataset.AddOrUpdate(new DicomSequence(sequence, item));
    }
}
