using NodeAgent.Dicom;
using NodeAgent.Testing;
using NodeAgent.Testing.Corpus;
using NodeAgent.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Tests.EndToEnd;

/// <summary>
/// Issue 4: the same patient's two studies, sent on two runs of the agent ("two days"), get one pseudonym and one date
/// shift (the 16 days between the studies are kept), and the UIDs referenced inside sequences of the second study
/// (Referenced Image, Source Image and Referenced Series Sequences) resolve to the stored instances and series.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class LongitudinalIngestTests
{
    private const string Root = PlantedPhiCorpus.UidRoot + ".40";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly SyntheticPatient Patient = SyntheticPatient.Numbered(40);

    [Test]
    public async Task Run_SamePatientTwoStudiesOnTwoRuns_OnePseudonymOneShiftReferencesResolve()
    {
        Peers.Require("storescu");
        using var directory = new TempDirectory("e2e-longitudinal");
        var first = Study(directory.Combine("day1"), Root + ".1", "20240615", references: null);
        var second = Study(directory.Combine("day2"), Root + ".2", "20240701", references: first);

        await SendOnOwnRunAsync(directory.Path, first.Files, expectedStored: 2);
        await SendOnOwnRunAsync(directory.Path, second.Files, expectedStored: 4);

        var data = Path.Combine(directory.Path, "data");
        var stored = DataDirectory.StoredFiles(data).Select(path => (Path: path, Dataset: DicomFile.Open(path).Dataset)).ToList();
        var byStudy = stored.ToLookup(s => s.Dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.That(byStudy, Has.Count.EqualTo(2), "two stored studies");
        var pseudonymVerb = await AgentProcess.RunToEndAsync(["pseudonym", Patient.PatientId, "--issuer", Patient.Issuer], directory.Path);
        Assert.That(pseudonymVerb.ExitCode, Is.Zero, pseudonymVerb.Output);
        var pseudonym = stored[0].Dataset.GetString(DicomTags.PatientID);
        var studyDates = byStudy.Select(g => g.First().Dataset.GetDate(DicomTags.StudyDate)).OrderBy(d => d).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stored.Select(s => s.Dataset.GetString(DicomTags.PatientID)).Distinct(), Is.EqualTo(new[] { pseudonym }), "one Patient ID");
            Assert.That(stored.Select(s => s.Dataset.GetString(DicomTags.PatientName)).Distinct(), Is.EqualTo(new[] { pseudonym }), "Patient's Name is the pseudonym");
            Assert.That(pseudonymVerb.Output, Does.Contain(pseudonym), "nodeagent pseudonym prints the stored pseudonym");
            Assert.That(studyDates, Has.All.Not.Null);
            Assert.That(studyDates[1]!.Value.DayNumber - studyDates[0]!.Value.DayNumber, Is.EqualTo(16), "interval between the studies kept");
            var shift = DataDirectory.SitePseudonyms(data).DateShiftDays(Patient.Issuer, Patient.PatientId);
            Assert.That(shift, Is.InRange(-3650, -365), "a per-patient offset into the past");
            Assert.That(studyDates[0], Is.EqualTo(new DateOnly(2024, 6, 15).AddDays(shift)), "first study shifted by the patient's offset");
            Assert.That(studyDates[1], Is.EqualTo(new DateOnly(2024, 7, 1).AddDays(shift)), "second study, a later run, by the same offset");
            Assert.That(stored.Select(s => s.Dataset.GetString(DicomTags.PatientBirthDate) ?? ""), Has.None.EqualTo(Patient.BirthDate));
        });

        var referring = stored.Single(s => s.Dataset.Contains(DicomTags.SourceImageSequence)).Dataset;
        var instances = stored.Select(s => s.Dataset.GetString(DicomTags.SOPInstanceUID)).ToHashSet();
        var series = stored.Select(s => s.Dataset.GetString(DicomTags.SeriesInstanceUID)).ToHashSet();
        var pseudonyms = DataDirectory.SitePseudonyms(data);
        Assert.Multiple(() =>
        {
            Assert.That(ReferencedInstance(referring, DicomTags.ReferencedImageSequence), Is.EqualTo(pseudonyms.Uid(first.Instances[0])).And.AnyOf([.. instances]),
                "Referenced Image Sequence points at the first study's stored slice 1");
            Assert.That(ReferencedInstance(referring, DicomTags.SourceImageSequence), Is.EqualTo(pseudonyms.Uid(second.Instances[1])).And.AnyOf([.. instances]),
                "Source Image Sequence points at the second study's stored slice 2");
            var seriesItem = referring.Get<DicomSequence>(DicomTags.ReferencedSeriesSequence)?.Items.SingleOrDefault();
            Assert.That(seriesItem?.GetString(DicomTags.SeriesInstanceUID), Is.EqualTo(pseudonyms.Uid(first.Series)).And.AnyOf([.. series]),
                "Referenced Series Sequence points at the first study's stored series");
            Assert.That(seriesItem is null ? null : ReferencedInstance(seriesItem, DicomTags.ReferencedInstanceSequence),
                Is.EqualTo(pseudonyms.Uid(first.Instances[1])).And.AnyOf([.. instances]), "and its Referenced Instance Sequence at slice 2");
        });
        foreach (var (path, dataset) in stored)
        {
            var expected = Path.Combine(data, "store", dataset.GetString(DicomTags.StudyInstanceUID)!, dataset.GetString(DicomTags.SeriesInstanceUID)!,
                dataset.GetString(DicomTags.SOPInstanceUID) + ".dcm");
            Assert.That(path, Is.EqualTo(expected), "stored under its pseudonymised UIDs");
        }
    }

    private static async Task SendOnOwnRunAsync(string directory, IReadOnlyList<string> files, int expectedStored)
    {
        await using var agent = await AgentProcess.StartAsync(directory);
        var sent = await StorescuSession.SendAsync(agent.Port, files, Timeout);
        Assert.That(sent.Acknowledged, Has.Count.EqualTo(files.Count), sent.Output);
        await DataDirectory.WaitUntilIngestedAsync(agent, expectedStored, Timeout);
        Assert.That(await agent.StopAsync(Timeout), Is.Zero, agent.Output);
    }

    private static string? ReferencedInstance(DicomDataset dataset, DicomTag sequence) =>
        dataset.Get<DicomSequence>(sequence)?.Items.SingleOrDefault()?.GetString(DicomTags.ReferencedSOPInstanceUID);

    // Two slices of one series; with references, slice 1 refers to the earlier study and to its own slice 2.
    private static SentStudy Study(string directory, string root, string date, SentStudy? references)
    {
        Directory.CreateDirectory(directory);
        var uids = Enumerable.Range(1, 2).Select(i => SmallCtUids.Under(root, 1, i)).ToList();
        var files = new List<string>();
        for (var i = 0; i < uids.Count; i++)
        {
            var dataset = SmallCt.Create(Patient, uids[i], date, i + 1);
            if (references is not null && i == 0)
            {
                dataset.AddOrUpdate(new DicomSequence(DicomTags.ReferencedImageSequence, Reference(references.Instances[0])));
                dataset.AddOrUpdate(new DicomSequence(DicomTags.SourceImageSequence, Reference(uids[1].Instance)));
                var seriesItem = new DicomDataset()
                    .AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, references.Series)
                    .AddOrUpdate(new DicomSequence(DicomTags.ReferencedInstanceSequence, Reference(references.Instances[1])));
                dataset.AddOrUpdate(new DicomSequence(DicomTags.ReferencedSeriesSequence, seriesItem));
            }

            var path = Path.Combine(directory, $"slice{i + 1}.dcm");
            SmallCt.Save(dataset, path);
            files.Add(path);
        }

        return new SentStudy(files, uids[0].Series, [.. uids.Select(u => u.Instance)]);
    }

    private static DicomDataset Reference(string instance) => new DicomDataset()
        .AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, SmallCt.SopClassUid)
        .AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, instance);

    private sealed record SentStudy(IReadOnlyList<string> Files, string Series, IReadOnlyList<string> Instances);
}
