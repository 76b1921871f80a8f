using System.Net;
using System.Security.Cryptography;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Core.Tests.Deidentification;
using NodeAgent.Core.Tests.Pipeline;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Spool;

/// <summary>
/// Processing on arrival writes the same stored file the long way writes, whatever the fragments; what it cannot take
/// exactly goes the long way byte for byte; what it acknowledged survives a stop at any point.
/// </summary>
[TestFixture]
public sealed class PreparingSinkTests
{
    private const int PreparedEvent = 2006;
    private const int LongWayEvent = 2005;
    private static readonly DiskSpace NoFloor = new(0, 0);
    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory("preparing-sink");

    [TearDown]
    public void TearDown() => _directory.Dispose();

    private static IEnumerable<TestCaseData> FragmentSizes() =>
        [new TestCaseData(1).SetName("Arrive_InOneByteFragments_StoredAsTheLongWayStoresIt"),
         new TestCaseData(7).SetName("Arrive_InSevenByteFragments_StoredAsTheLongWayStoresIt"),
         new TestCaseData(16 * 1024).SetName("Arrive_In16KiBFragments_StoredAsTheLongWayStoresIt"),
         new TestCaseData(int.MaxValue).SetName("Arrive_InOneFragment_StoredAsTheLongWayStoresIt")];

    [TestCaseSource(nameof(FragmentSizes))]
    public async Task Arrive(int fragment)
    {
        var dataset = SyntheticInstances.Ct(rows: 64, columns: 64);
        var longWay = await StoreTheLongWayAsync(dataset, TransferSyntax.ExplicitVRLittleEndian);

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"), secretFrom: SharedSecret);
        var result = await arrival.SendAsync(dataset, TransferSyntax.ExplicitVRLittleEndian, fragment);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        await arrival.WaitStoredAsync(1);
        Assert.That(arrival.Logger.WithEventId(PreparedEvent), Has.Count.EqualTo(1), "processed on arrival");
        Assert.That(arrival.StoredBytes(), Is.EqualTo(longWay), "byte for byte the long way's stored file");
        var indexed = arrival.Harness.Indexed(DeidentificationFixtures.InstanceUid);
        Assert.That(indexed.Entry.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(longWay))));
        Assert.That(arrival.Harness.SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task Arrive_ImplicitVR_StoredAsTheLongWayStoresIt()
    {
        var dataset = SyntheticInstances.Ct(rows: 16, columns: 16);
        var longWay = await StoreTheLongWayAsync(dataset, TransferSyntax.ImplicitVRLittleEndian);

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"), secretFrom: SharedSecret);
        var result = await arrival.SendAsync(dataset, TransferSyntax.ImplicitVRLittleEndian, 100);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        await arrival.WaitStoredAsync(1);
        Assert.That(arrival.Logger.WithEventId(PreparedEvent), Has.Count.EqualTo(1));
        Assert.That(arrival.StoredBytes(), Is.EqualTo(longWay));
    }

    [Test]
    public async Task Arrive_EveryRealSample_StoredAsTheLongWayStoresIt()
    {
        var samples = RepoPaths.RequireShared();
        var tried = 0;
        var storedCount = 0;
        var prepared = 0;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(samples, "dicom-samples"), "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!TryBody(path, out var body, out var syntax, out var sopClass, out var sopInstance))
            {
                continue;
            }

            var name = Path.GetFileName(path);
            using var directory = new TempDirectory("sample");
            byte[]? longWay;
            await using (var reference = await Arrival.StartAsync(directory.Combine("long"), processOnArrival: false))
            {
                var referenceResult = await reference.SendAsync(body, syntax, sopClass, sopInstance, 4096);
                longWay = referenceResult.Status == DimseStatus.Success ? await reference.StoredOrNullAsync() : null;
                File.Copy(Path.Combine(reference.Harness.DataDirectory, Core.Secrets.SiteSecret.FileName), directory.Combine("secret"));
            }

            await using var arrival = await Arrival.StartAsync(directory.Combine("arrival"), secretFrom: directory.Combine("secret"));
            var result = await arrival.SendAsync(body, syntax, sopClass, sopInstance, 4096);
            var stored = result.Status == DimseStatus.Success ? await arrival.StoredOrNullAsync() : null;

            tried++;
            storedCount += stored is null ? 0 : 1;
            prepared += arrival.Logger.WithEventId(PreparedEvent).Count;
            Assert.That(stored, Is.EqualTo(longWay), $"{name}: the stored file (or none) is the long way's");
        }

        Assert.That(tried, Is.GreaterThan(20), "the samples were found");
        Assert.That(storedCount, Is.GreaterThan(tried / 2), "most real samples are stored");
        Assert.That(prepared, Is.GreaterThan(tried / 2), "most real samples are processed on arrival");
    }

    [Test]
    public async Task Arrive_ElementsAfterThePixelData_GoesTheLongWayAndIsStoredAsItWouldBe()
    {
        var dataset = SyntheticInstances.Ct(rows: 32, columns: 32);
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0xFFFC, 0xFFFC), DicomVR.OB, new byte[6]));
        var longWay = await StoreTheLongWayAsync(dataset, TransferSyntax.ExplicitVRLittleEndian);

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"), secretFrom: SharedSecret);
        var result = await arrival.SendAsync(dataset, TransferSyntax.ExplicitVRLittleEndian, 333);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        await arrival.WaitStoredAsync(1);
        Assert.That(arrival.Logger.WithEventId(LongWayEvent).Single().Message, Does.Contain("elements follow its pixel data"));
        Assert.That(arrival.StoredBytes(), Is.EqualTo(longWay));
    }

    [Test]
    public async Task Arrive_HeadOverTheInMemoryLimit_GoesTheLongWayAndIsStored()
    {
        var dataset = SyntheticInstances.Ct(rows: 8, columns: 8);
        dataset.AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "BIG CREATOR");
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.OB, new byte[PreparingSink.HeadLimit + 2]));

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"));
        var result = await arrival.SendAsync(dataset, TransferSyntax.ExplicitVRLittleEndian, 64 * 1024);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        await arrival.WaitStoredAsync(1);
        Assert.That(arrival.Logger.WithEventId(LongWayEvent).Single().Message, Does.Contain("over the in-memory limit"));
        Assert.That(DicomFile.Open(arrival.StoredPath()).Dataset.Contains(new DicomTag(0x0009, 0x1001)), Is.False, "the unsafe private element is removed");
    }

    [Test]
    public async Task Arrive_FailsValidation_QuarantinedAsReceived()
    {
        var dataset = SyntheticInstances.Ct(rows: 8, columns: 8, pixelBytes: 100);
        var body = Body(dataset, TransferSyntax.ExplicitVRLittleEndian);

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"));
        var result = await arrival.SendAsync(body, TransferSyntax.ExplicitVRLittleEndian, SyntheticClass, DeidentificationFixtures.InstanceUid, 50);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success), "acknowledged: the pipeline quarantines it, nothing is dropped");
        await PipelineHarness.WaitUntilAsync(() => arrival.Harness.Quarantine.List().Count == 1, "the instance is quarantined");
        var entry = arrival.Harness.Quarantine.List().Single();
        Assert.That(entry.Reason!.Code, Is.EqualTo(QuarantineCodes.PixelDataInconsistent));
        var quarantined = File.ReadAllBytes(arrival.Harness.Quarantine.FilePath(entry.Id));
        Assert.That(quarantined.AsSpan(quarantined.Length - body.Length).SequenceEqual(body), Is.True, "the data set as received, byte for byte");
        Assert.That(arrival.Harness.StoredFiles(), Is.Empty);
    }

    [Test]
    public async Task Arrive_PixelDataCutShort_RejectedAndNothingKept()
    {
        var body = Body(SyntheticInstances.Ct(rows: 32, columns: 32), TransferSyntax.ExplicitVRLittleEndian);

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"));
        var result = await arrival.SendAsync(body[..^100], TransferSyntax.ExplicitVRLittleEndian, SyntheticClass, DeidentificationFixtures.InstanceUid, 500);

        Assert.That(result.Status.Code & 0xF000, Is.EqualTo(0xC000));
        Assert.That(result.ErrorComment, Does.StartWith("NodeAgent cannot parse the data set"));
        Assert.That(arrival.Harness.SpoolFiles(), Is.Empty);
        Assert.That(arrival.Harness.StoredFiles(), Is.Empty);
    }

    [Test]
    public async Task Arrive_PeerAbortsMidPixelData_NothingKept()
    {
        var body = Body(SyntheticInstances.Ct(rows: 32, columns: 32), TransferSyntax.ExplicitVRLittleEndian);
        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"));
        var start = await arrival.Handler.BeginAsync(Context(TransferSyntax.ExplicitVRLittleEndian, SyntheticClass, DeidentificationFixtures.InstanceUid), CancellationToken.None);

        await using (start.Sink!)
        {
            await start.Sink!.WriteAsync(body.AsMemory(0, body.Length - 500), CancellationToken.None);
            Assert.That(Directory.GetFiles(arrival.Harness.Spool.Path, "*.partial"), Has.Length.EqualTo(1), "the prepared file is being written");
        }

        Assert.That(arrival.Harness.SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task Arrive_CommandNamesAnotherSopClass_A900AsTheLongWayAnswers()
    {
        var body = Body(SyntheticInstances.Ct(), TransferSyntax.ExplicitVRLittleEndian);

        await using var arrival = await Arrival.StartAsync(_directory.Combine("arrival"));
        var result = await arrival.SendAsync(body, TransferSyntax.ExplicitVRLittleEndian, "1.2.840.10008.5.1.4.1.1.4", DeidentificationFixtures.InstanceUid, 1000);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.DataSetDoesNotMatchSopClass));
        Assert.That(arrival.Harness.SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task Resume_ReadyFileLeftByAStop_IndexedAndStoredOnTheNextStart()
    {
        var data = _directory.Combine("arrival");
        var dataset = SyntheticInstances.Ct(rows: 16, columns: 16);
        await using (var stopped = await Arrival.StartAsync(data, run: false))
        {
            var result = await stopped.SendAsync(dataset, TransferSyntax.ExplicitVRLittleEndian, 1000);
            Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
            Assert.That(Directory.GetFiles(stopped.Harness.Spool.Path, "*" + SpoolDirectory.ReadyExtension), Has.Length.EqualTo(1), "acknowledged and waiting");
        }

        await using var restarted = await Arrival.StartAsync(data);
        await restarted.WaitStoredAsync(1);

        var indexed = restarted.Harness.Indexed(DeidentificationFixtures.InstanceUid);
        Assert.That(indexed.Entry.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(restarted.StoredBytes()))), "the hash was recomputed from the file");
        Assert.That(restarted.Harness.SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task Resume_ReadyFileIndexedButNotMoved_KeepFirstStillMovesIt()
    {
        // A stop between the index commit and the move: the entry is there, the file still in the spool.
        var data = _directory.Combine("arrival");
        var options = new PipelineOptions { Parallelism = 1, RescanSeconds = 1, DuplicatePolicy = DuplicatePolicy.KeepFirst };
        string ready;
        await using (var first = await Arrival.StartAsync(data, options: options))
        {
            await first.SendAsync(SyntheticInstances.Ct(rows: 16, columns: 16), TransferSyntax.ExplicitVRLittleEndian, 1000);
            await first.WaitStoredAsync(1);
            ready = first.Harness.Spool.ReadyPathOf(SpoolDirectory.NewId(), first.Harness.Pipeline.InstanceKeyOf(DeidentificationFixtures.InstanceUid));
            File.Move(first.StoredPath(), ready);
        }

        await using var restarted = await Arrival.StartAsync(data, options: options);
        await restarted.WaitStoredAsync(1);

        Assert.That(File.Exists(ready), Is.False);
        Assert.That(restarted.Logger.WithEventId(2106), Is.Empty, "not dropped as a duplicate of itself");
        Assert.That(restarted.Logger.WithEventId(2100).Single().Message, Does.Contain(", Added,"), "counted as stored, not as a re-send");
        Assert.That(restarted.Harness.Index.Counts.Instances, Is.EqualTo(1));
    }

    private const string SyntheticClass = "1.2.840.10008.5.1.4.1.1.2";

    // The long way's site secret, so an arrival of the same test gets the same pseudonyms.
    private string SharedSecret => _directory.Combine("secret");

    private async Task<byte[]> StoreTheLongWayAsync(DicomDataset dataset, TransferSyntax syntax)
    {
        // The same site secret as every Arrival of this test: the harnesses share it through the file.
        await using var reference = await Arrival.StartAsync(_directory.Combine("long-way"), processOnArrival: false);
        File.Copy(Path.Combine(reference.Harness.DataDirectory, Core.Secrets.SiteSecret.FileName), SharedSecret, overwrite: true);
        var result = await reference.SendAsync(dataset, syntax, 4096);
        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        await reference.WaitStoredAsync(1);
        Assert.That(reference.Logger.WithEventId(PreparedEvent), Is.Empty);
        return reference.StoredBytes();
    }

    private static StoreRequestContext Context(TransferSyntax syntax, string sopClass, string sopInstance) =>
        new("test", "PACS", "NODEAGENT", IPAddress.Loopback, sopClass, sopInstance, syntax);

    private static byte[] Body(DicomDataset dataset, TransferSyntax syntax)
    {
        using var output = new MemoryStream();
        new DicomFile(dataset, syntax).Save(output, new DicomWriterOptions { TransferSyntax = syntax });
        var bytes = output.ToArray();
        return bytes[MetaEnd(bytes)..];
    }

    // The end of the File Meta Information: group 0002 is always explicit VR little endian (PS3.10 §7.1).
    private static int MetaEnd(byte[] file)
    {
        string[] longLengths = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];
        var at = 132;
        while (at + 8 <= file.Length && BitConverter.ToUInt16(file, at) == 0x0002)
        {
            var vr = System.Text.Encoding.ASCII.GetString(file, at + 4, 2);
            at += longLengths.Contains(vr) ? 12 + (int)BitConverter.ToUInt32(file, at + 8) : 8 + BitConverter.ToUInt16(file, at + 6);
        }

        return Math.Min(at, file.Length);
    }

    // A sample's data set bytes as a PACS would send them: its own syntax, its SOP class and instance.
    private static bool TryBody(string path, out byte[] body, out TransferSyntax syntax, out string sopClass, out string sopInstance)
    {
        body = [];
        syntax = TransferSyntax.ExplicitVRLittleEndian;
        sopClass = sopInstance = string.Empty;
        try
        {
            var file = DicomFile.Open(path);
            var bytes = File.ReadAllBytes(path);
            if (file.FileMetaInformation.Count == 0 || bytes.Length < 132 || !bytes.AsSpan(128, 4).SequenceEqual("DICM"u8))
            {
                return false;
            }

            syntax = file.TransferSyntax;
            sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? string.Empty;
            sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? string.Empty;
            body = bytes[MetaEnd(bytes)..];
            return sopClass.Length > 0 && sopInstance.Length > 0 && body.Length > 0;
        }
        catch (DicomFormatException)
        {
            return false;
        }
    }

    /// <summary>A pipeline harness with a store handler that hands arrivals to it, its workers running (or not).</summary>
    private sealed class Arrival : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private Arrival(PipelineHarness harness) => Harness = harness;

        public PipelineHarness Harness { get; }

        public ListLogger Logger => Harness.Logger;

        public SpoolStoreHandler Handler { get; private set; } = null!;

        public static Task<Arrival> StartAsync(
            string root, bool processOnArrival = true, bool run = true, PipelineOptions? options = null, string? secretFrom = null)
        {
            var secret = Path.Combine(root, "data", Core.Secrets.SiteSecret.FileName);
            if (secretFrom is not null && !File.Exists(secret))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(secret)!);
                File.Copy(secretFrom, secret);
            }

            var arrival = new Arrival(new PipelineHarness(root, options ?? new PipelineOptions { Parallelism = 2, RescanSeconds = 1 }));
            arrival.Handler = new SpoolStoreHandler(arrival.Harness.Spool, NoFloor, arrival.Logger);
            arrival.Handler.Spooled += arrival.Harness.Pipeline.Enqueue;
            if (processOnArrival)
            {
                arrival.Handler.Preparer = arrival.Harness.Pipeline;
            }

            arrival.Harness.Pipeline.ResumeSpool();
            if (run)
            {
                arrival._run = arrival.Harness.Pipeline.RunAsync(arrival._stop.Token);
            }

            return Task.FromResult(arrival);
        }

        public Task<StoreResult> SendAsync(DicomDataset dataset, TransferSyntax syntax, int fragment) =>
            SendAsync(Body(dataset, syntax), syntax, dataset.GetString(DicomTags.SOPClassUID)!, dataset.GetString(DicomTags.SOPInstanceUID)!, fragment);

        public async Task<StoreResult> SendAsync(byte[] body, TransferSyntax syntax, string sopClass, string sopInstance, int fragment)
        {
            var start = await Handler.BeginAsync(Context(syntax, sopClass, sopInstance), CancellationToken.None);
            await using var sink = start.Sink!;
            for (var offset = 0; offset < body.Length; offset += fragment)
            {
                await sink.WriteAsync(body.AsMemory(offset, Math.Min(fragment, body.Length - offset)), CancellationToken.None);
            }

            return await sink.CompleteAsync(CancellationToken.None);
        }

        public Task WaitStoredAsync(int count) =>
            PipelineHarness.WaitUntilAsync(
                () => Harness.Index.Counts.Instances == count && Harness.StoredFiles().Count == count && Harness.SpoolFiles().Count == 0,
                $"{count} instance(s) are stored and indexed and the spool is empty");

        // The one stored file once the spool is empty, or null when the instance was quarantined instead.
        public async Task<byte[]?> StoredOrNullAsync()
        {
            await PipelineHarness.WaitUntilAsync(() => Harness.SpoolFiles().Count == 0, "the spool is empty");
            await PipelineHarness.WaitUntilAsync(() => Harness.Quarantine.List().Count == 1 || Harness.Index.Counts.Instances == 1, "the instance is stored or quarantined");
            return Harness.StoredFiles().Count == 1 ? StoredBytes() : null;
        }

        public string StoredPath() => Harness.Store.FullPathOf(Harness.StoredFiles().Single());

        public byte[] StoredBytes() => File.ReadAllBytes(StoredPath());

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            await Harness.DisposeAsync();
            _stop.Dispose();
        }
    }
}
