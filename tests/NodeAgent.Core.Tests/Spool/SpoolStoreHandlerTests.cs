using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Spool;

/// <summary>The spool acknowledges only what is durable and parses, and leaves nothing behind otherwise.</summary>
[TestFixture]
public sealed class SpoolStoreHandlerTests
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private static readonly DiskSpace NoFloor = new(0, 0);

    [Test]
    public async Task Complete_ValidDataSet_RenamedToDcmAndSuccess()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        var handler = new SpoolStoreHandler(spool, NoFloor, NullLogger<SpoolStoreHandler>.Instance);
        string? announced = null;
        handler.Spooled += path => announced = path;
        var (uid, body) = DataSet(CtImageStorage);

        var result = await StoreAsync(handler, Context(CtImageStorage, uid), body);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        var files = Directory.GetFiles(spool.Path);
        Assert.That(files, Has.Length.EqualTo(1));
        Assert.That(files[0], Does.EndWith(".dcm"));
        Assert.That(announced, Is.EqualTo(files[0]));
        var stored = DicomFile.Open(files[0]);
        Assert.That(stored.Dataset.GetString(DicomTags.SOPInstanceUID), Is.EqualTo(uid));
        Assert.That(stored.FileMetaInformation.GetString(new DicomTag(0x0002, 0x0016)), Is.EqualTo("PACS"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(files[0]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(spool.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
    }

    [Test]
    public async Task Begin_BelowFreeSpaceFloor_RefusedWithOutOfResources()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        var handler = new SpoolStoreHandler(spool, new DiskSpace(long.MaxValue, 0), NullLogger<SpoolStoreHandler>.Instance);

        var start = await handler.BeginAsync(Context(CtImageStorage, "1.2.3"), CancellationToken.None);

        Assert.That(start.Sink, Is.Null);
        Assert.That(start.Refusal!.Status, Is.EqualTo(DimseStatus.OutOfResources));
        Assert.That(start.Refusal.ErrorComment, Does.Contain("free-space floor"));
        Assert.That(Directory.GetFiles(spool.Path), Is.Empty);
    }

    [Test]
    public async Task Complete_SopClassDiffersFromCommand_A900AndNothingKept()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        var handler = new SpoolStoreHandler(spool, NoFloor, NullLogger<SpoolStoreHandler>.Instance);
        var (uid, body) = DataSet("1.2.840.10008.5.1.4.1.1.4");

        var result = await StoreAsync(handler, Context(CtImageStorage, uid), body);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.DataSetDoesNotMatchSopClass));
        Assert.That(result.ErrorComment, Does.Contain("SOP Class UID"));
        Assert.That(Directory.GetFiles(spool.Path), Is.Empty);
    }

    [Test]
    public async Task Complete_Unparseable_C000AndNothingKept()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        var handler = new SpoolStoreHandler(spool, NoFloor, NullLogger<SpoolStoreHandler>.Instance);
        var garbage = new byte[] { 0x08, 0x00, 0x16, 0x00, 0x55, 0x49, 0xF0, 0x7F, 0x31 };

        var result = await StoreAsync(handler, Context(CtImageStorage, "1.2.3"), garbage);

        Assert.That(result.Status.Code & 0xF000, Is.EqualTo(0xC000));
        Assert.That(result.ErrorComment, Does.StartWith("NodeAgent cannot parse the data set"));
        Assert.That(result.ErrorComment!.Length, Is.LessThanOrEqualTo(64));
        Assert.That(Directory.GetFiles(spool.Path), Is.Empty);
    }

    [Test]
    public async Task Dispose_WithoutComplete_PartialFileRemoved()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        var handler = new SpoolStoreHandler(spool, NoFloor, NullLogger<SpoolStoreHandler>.Instance);
        var (uid, body) = DataSet(CtImageStorage);
        var start = await handler.BeginAsync(Context(CtImageStorage, uid), CancellationToken.None);

        await using (start.Sink!)
        {
            await start.Sink!.WriteAsync(body.AsMemory(0, body.Length / 2), CancellationToken.None);
            Assert.That(Directory.GetFiles(spool.Path, "*.partial"), Has.Length.EqualTo(1));
        }

        Assert.That(Directory.GetFiles(spool.Path), Is.Empty);
    }

    [Test]
    public void RemoveAbandonedPartials_LeftByCrash_RemovedAndCounted()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        File.WriteAllText(Path.Combine(spool.Path, "a.partial"), "x");
        File.WriteAllText(Path.Combine(spool.Path, "b.dcm"), "x");

        var removed = spool.RemoveAbandonedPartials();

        Assert.That(removed, Is.EqualTo(1));
        Assert.That(spool.CompleteFiles().Select(Path.GetFileName), Is.EqualTo(new[] { "b.dcm" }));
    }

    [Test]
    public async Task Remove_ProcessedInstance_FileEmptiedAndReusedByTheNextDataSet()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        var handler = new SpoolStoreHandler(spool, NoFloor, NullLogger<SpoolStoreHandler>.Instance);
        var (firstUid, firstBody) = DataSet(CtImageStorage);
        await StoreAsync(handler, Context(CtImageStorage, firstUid), firstBody);
        var first = spool.CompleteFiles().Single();

        spool.Remove(first);

        var recycled = Directory.GetFiles(Path.Combine(spool.Path, ".recycle"));
        Assert.That(File.Exists(first), Is.False);
        Assert.That(spool.CompleteFiles(), Is.Empty);
        Assert.That(recycled, Has.Length.EqualTo(1));
        Assert.That(new FileInfo(recycled[0]).Length, Is.Zero, "nothing of the processed data set stays behind");
        Assert.That(spool.RecycledCount, Is.EqualTo(1));

        var (secondUid, secondBody) = DataSet(CtImageStorage);
        var result = await StoreAsync(handler, Context(CtImageStorage, secondUid), secondBody);

        Assert.That(result.Status, Is.EqualTo(DimseStatus.Success));
        Assert.That(spool.RecycledCount, Is.Zero);
        Assert.That(Directory.GetFiles(Path.Combine(spool.Path, ".recycle")), Is.Empty, "the empty file became the next instance's");
        var second = spool.CompleteFiles().Single();
        Assert.That(DicomFile.Open(second).Dataset.GetString(DicomTags.SOPInstanceUID), Is.EqualTo(secondUid));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(second), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void Remove_MoreThanTheRecycleCapacity_DeletesTheRest()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));
        for (var i = 0; i < 70; i++)
        {
            var path = Path.Combine(spool.Path, $"{i}.dcm");
            File.WriteAllBytes(path, new byte[100]);
            spool.Remove(path);
        }

        Assert.That(spool.CompleteFiles(), Is.Empty);
        Assert.That(spool.RecycledCount, Is.EqualTo(64));
        Assert.That(Directory.GetFiles(Path.Combine(spool.Path, ".recycle")), Has.Length.EqualTo(64));
    }

    [Test]
    public void Remove_FileAlreadyGone_IsFine()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));

        Assert.DoesNotThrow(() => spool.Remove(Path.Combine(spool.Path, "gone.dcm")));
        Assert.That(spool.RecycledCount, Is.Zero);
    }

    [Test]
    public void Open_RecycledFileLeftFullByACrash_IsDeletedAtStart()
    {
        // A crash between the rename into .recycle and the truncate leaves a processed data set there.
        using var directory = new TempDirectory("spool");
        var leftover = Path.Combine(Directory.CreateDirectory(directory.Combine("spool", ".recycle")).FullName, "0123");
        File.WriteAllBytes(leftover, new byte[1000]);

        var spool = new SpoolDirectory(directory.Combine("spool"));

        Assert.That(File.Exists(leftover), Is.False);
        Assert.That(spool.RecycledCount, Is.Zero);
    }

    [Test]
    public async Task TryReuse_MakingSpares_EmptyOwnerOnlyFilesAreMadeAheadAndKeptOverARestart()
    {
        using var directory = new TempDirectory("spool");
        var spool = new SpoolDirectory(directory.Combine("spool"));

        Assert.That(spool.TryReuse(Path.Combine(spool.Path, "first.partial"), makeSpares: true), Is.False, "none made yet");
        await Core.Tests.Pipeline.PipelineHarness.WaitUntilAsync(() => spool.RecycledCount == 32, "spares are made in the background");

        var spares = Directory.GetFiles(Path.Combine(spool.Path, ".recycle"));
        Assert.That(spares.Select(path => new FileInfo(path).Length), Is.All.Zero);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(spares.Select(File.GetUnixFileMode), Is.All.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        var target = Path.Combine(spool.Path, "second.partial");
        Assert.That(spool.TryReuse(target, makeSpares: true), Is.True);
        Assert.That(File.Exists(target), Is.True);
        Assert.That(spool.RecycledCount, Is.EqualTo(31), "above the low mark nothing more is made");
        Assert.That(new SpoolDirectory(spool.Path).RecycledCount, Is.EqualTo(31), "empty spares are kept when the spool is opened again");
    }

    private static async Task<StoreResult> StoreAsync(SpoolStoreHandler handler, StoreRequestContext context, byte[] body)
    {
        var start = await handler.BeginAsync(context, CancellationToken.None);
        await using var sink = start.Sink!;
        for (var offset = 0; offset < body.Length; offset += 1000)
        {
            await sink.WriteAsync(body.AsMemory(offset, Math.Min(1000, body.Length - offset)), CancellationToken.None);
        }

        return await sink.CompleteAsync(CancellationToken.None);
    }

    private static StoreRequestContext Context(string sopClass, string sopInstance) =>
        new("test", "PACS", "NODEAGENT", IPAddress.Loopback, sopClass, sopInstance, TransferSyntax.ExplicitVRLittleEndian);

    /// <summary>A data set body in Explicit VR LE, as a C-STORE would carry it.</summary>
    private static (string Uid, byte[] Body) DataSet(string sopClass)
    {
        var uid = DicomUid.Generate();
        var dataset = new DicomDataset()
            .AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, sopClass)
            .AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid)
            .AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CT")
            .AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new byte[5000]));
        using var file = new MemoryStream();
        new DicomFile(dataset).Save(file);
        var bytes = file.ToArray();
        var metaEnd = 132 + 12 + (int)BitConverter.ToUInt32(bytes, 132 + 8);
        return (uid, bytes[metaEnd..]);
    }
}
