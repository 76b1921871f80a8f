using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Testing.Corpus;
using NUnit.Framework;
using static NodeAgent.Core.Tests.Deidentification.DeidentificationFixtures;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>
/// Identifying data planted in every attribute of Table E.1-1 that can hold it, in sequences three levels deep and in
/// private blocks of several creators, must be gone from every byte of the file written after de-identification.
/// The planting is the shared <see cref="PhiPlanter"/>, which the end-to-end test through the agent uses too.
/// </summary>
[TestFixture]
public sealed class PlantedPhiTests
{
    [Test]
    public void Deidentify_PhiPlantedEverywhere_NoneOfItInTheWrittenFile()
    {
        var profile = ConfidentialityProfile.Create(DeidentificationOptions.Default);
        var patient = new SyntheticPatient(PatientId, Issuer, FamilyName, GivenName, BirthDate);
        var dataset = Patient();
        var planter = new PhiPlanter(profile, patient, InstanceUid);
        var planted = planter.PlantEverywhere(dataset);
        using var directory = new TempDirectory("deid");
        var path = directory.Combine("out.dcm");

        Engine().Deidentify(dataset);
        new DicomFile(dataset).Save(path);

        Assert.That(planted, Is.GreaterThan(550), "markers planted in the table's attributes");
        var forbidden = new List<ForbiddenValue>
        {
            new(PhiPlanter.Marker, "marker"), new(PatientId, "patient ID"), new(BirthDate, "birth date"),
            new(FamilyName, "family name"), new(FamilyName.ToUpperInvariant(), "family name"), new(GivenName, "given name"),
            new(Issuer, "issuer"), new("ACC99812", "accession number"), new("Elsewhere", "institution"), new("Kildare", "physician"),
        };
        forbidden.AddRange(new[] { StudyUid, SeriesUid, InstanceUid, FrameOfReferenceUid }.Concat(planter.OriginalUids)
            .Select(uid => new ForbiddenValue(uid, "original UID")));
        Assert.That(PhiScanner.Scan([path], forbidden), Is.Empty, "identifying data survived de-identification");
        var reread = DicomFile.Open(path).Dataset;
        Assert.That(reread.GetString(DicomTags.PatientIdentityRemoved), Is.EqualTo("YES"));
        Assert.That(reread.GetString(DicomTags.StationName), Is.EqualTo("CT01"), "a K attribute of the options is retained");
    }
}
