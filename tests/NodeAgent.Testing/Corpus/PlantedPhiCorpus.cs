using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;

namespace NodeAgent.Testing.Corpus;

/// <summary>
/// Part 10 files full of planted identifying data (see <see cref="PhiPlanter"/>): several patients, each with
/// several small CT slices of one study, written to a directory; with everything a scan of the node's data must
/// not find (<see cref="Forbidden"/>): the markers, every original UID, the patients' IDs, names, birth dates and
/// the other identifying values of the base header.
/// </summary>
public sealed class PlantedPhiCorpus
{
    /// <summary>The UID root of the corpus (the test's own; not a registered organisation).</summary>
    public const string UidRoot = "1.2.826.0.1.3680043.9.7731";

    private readonly List<string> _files = [];
    private readonly List<string> _uids = [];
    private readonly List<SyntheticPatient> _patients = [];

    private PlantedPhiCorpus()
    {
    }

    /// <summary>The written files.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>The patients.</summary>
    public IReadOnlyList<SyntheticPatient> Patients => _patients;

    /// <summary>Every original UID in the files (own and planted).</summary>
    public IReadOnlyList<string> OriginalUids => _uids;

    /// <summary>The fewest Table E.1-1 attributes that got a marker in any one file.</summary>
    public int PlantedAttributesPerFile { get; private set; } = int.MaxValue;

    /// <summary>What must not survive.</summary>
    public IReadOnlyList<ForbiddenValue> Forbidden
    {
        get
        {
            var values = new List<ForbiddenValue>
            {
                new(PhiPlanter.Marker, "planted marker"),
                new("ACC99812", "accession number"),
                new("Kildare", "referring physician", AlsoUtf16: true),
            };
            foreach (var patient in _patients)
            {
                values.Add(new(patient.PatientId, "patient ID", AlsoUtf16: true));
                values.Add(new(patient.Issuer, "issuer of patient ID"));
                values.Add(new(patient.FamilyName, "family name", AlsoUtf16: true));
                values.Add(new(patient.FamilyName.ToUpperInvariant(), "family name (upper case)", AlsoUtf16: true));
                values.Add(new(patient.GivenName, "given name", AlsoUtf16: true));
                values.Add(new(patient.BirthDate, "birth date"));
                values.Add(new(patient.IsoBirthDate, "birth date (ISO)"));
            }

            values.AddRange(_uids.Select(uid => new ForbiddenValue(uid, "original UID")));
            return values;
        }
    }

    /// <summary>Writes <paramref name="patients"/> × <paramref name="slices"/> files into <paramref name="directory"/>.</summary>
    public static PlantedPhiCorpus Write(string directory, int patients, int slices, ConfidentialityProfile? profile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        profile ??= ConfidentialityProfile.Create(DeidentificationOptions.Default);
        Directory.CreateDirectory(directory);
        var corpus = new PlantedPhiCorpus();
        for (var p = 0; p < patients; p++)
        {
            var patient = SyntheticPatient.Numbered(p);
            corpus._patients.Add(patient);
            for (var s = 1; s <= slices; s++)
            {
                var root = $"{UidRoot}.{p + 1}";
                var uids = SmallCtUids.Under(root, series: 1, instance: s);
                var dataset = SmallCt.Create(patient, uids, "20240615", s, size: 16);
                var planter = new PhiPlanter(profile, patient, $"{root}.1.1.{s}");
                corpus.PlantedAttributesPerFile = Math.Min(corpus.PlantedAttributesPerFile, planter.PlantEverywhere(dataset));
                var path = Path.Combine(directory, $"phi-{p + 1}-{s}.dcm");
                SmallCt.Save(dataset, path);
                corpus._files.Add(path);
                corpus._uids.AddRange(uids.All.Where(u => !corpus._uids.Contains(u)));
                corpus._uids.AddRange(planter.OriginalUids);
            }
        }

        return corpus;
    }

    /// <summary>The data set of one written file, re-read.</summary>
    public static DicomDataset Read(string path) => DicomFile.Open(path).Dataset;
}
