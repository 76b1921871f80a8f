using NodeAgent.Core.Deidentification;
using NodeAgent.Core.Index;
using NodeAgent.Core.Pipeline;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Secrets;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Core.Tests.Index;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Pipeline;

/// <summary>
/// A real pipeline over a real temporary data directory: spool, store, quarantine, LiteDB index with its writer loop
/// running, a site secret created as on a first start. Stopping it completes the writer and closes the index.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string SitePrefix = "TST-";

    private readonly TestMeterFactory _meters = new();
    private readonly CancellationTokenSource _writerStop = new();
    private readonly Task _writerLoop;

    public PipelineHarness(TempDirectory directory, PipelineOptions? options = null, DeidentificationOptions? deidentification = null)
        : this(directory.Path, options, deidentification)
    {
    }

    /// <summary>A harness whose data directory is <c>root/data</c> (a restart uses the same root).</summary>
    public PipelineHarness(string root, PipelineOptions? options = null, DeidentificationOptions? deidentification = null)
    {
        DataDirectory = Path.Combine(root, "data");
        Options = options ?? new PipelineOptions { Parallelism = 2, RescanSeconds = 1 };
        Spool = new SpoolDirectory(Path.Combine(DataDirectory, "spool"));
        Store = new InstanceStore(DataDirectory);
        Quarantine = new QuarantineDirectory(DataDirectory);
        Index = LiteDbInstanceIndex.OpenInDirectory(DataDirectory);
        Secret = SiteSecret.LoadOrCreate(DataDirectory, !Index.IsEmpty, Logger);
        Pseudonyms = new Pseudonyms(Secret.Bytes, SitePrefix);
        Writer = new IndexWriter(Index, new IndexWriterOptions
        {
            Mode = Options.DuplicatePolicy == DuplicatePolicy.KeepFirst ? IndexWriteMode.KeepFirst : IndexWriteMode.Replace,
        }, TimeProvider.System);
        _writerLoop = Writer.RunAsync(_writerStop.Token);
        Pipeline = new IngestPipeline(
            Spool, Store, Quarantine, new Deidentifier(deidentification ?? DeidentificationOptions.Default, Pseudonyms),
            ShippedTables.Extractor, Index, Writer, Secret.DeriveKey("instance-key"), Options,
            new PipelineTelemetry(_meters), Logger, TimeProvider.System);
    }

    public string DataDirectory { get; }

    public PipelineOptions Options { get; }

    public SpoolDirectory Spool { get; }

    public InstanceStore Store { get; }

    public QuarantineDirectory Quarantine { get; }

    public LiteDbInstanceIndex Index { get; }

    public SiteSecret Secret { get; }

    public Pseudonyms Pseudonyms { get; }

    public IndexWriter Writer { get; }

    public IngestPipeline Pipeline { get; }

    public ListLogger Logger { get; } = new();

    /// <summary>The meter factory of this harness's telemetry (only its instruments are listened to).</summary>
    public TestMeterFactory MeterFactory => _meters;

    /// <summary>Puts a copy of a file into the spool as a received instance would be; returns its spool path.</summary>
    public string SpoolFile(string source)
    {
        var path = Path.Combine(Spool.Path, SpoolDirectory.NewId() + SpoolDirectory.CompleteExtension);
        File.Copy(source, path);
        return path;
    }

    /// <summary>Writes a data set into the spool as a Part 10 file in the given syntax; returns its spool path.</summary>
    public string SpoolDataset(DicomDataset dataset, TransferSyntax? syntax = null)
    {
        var path = Path.Combine(Spool.Path, SpoolDirectory.NewId() + SpoolDirectory.CompleteExtension);
        new DicomFile(dataset, syntax ?? TransferSyntax.ExplicitVRLittleEndian).Save(path,
            new DicomWriterOptions { TransferSyntax = syntax ?? TransferSyntax.ExplicitVRLittleEndian });
        return path;
    }

    /// <summary>Writes raw bytes into the spool (a file that is not DICOM at all).</summary>
    public string SpoolBytes(byte[] bytes)
    {
        var path = Path.Combine(Spool.Path, SpoolDirectory.NewId() + SpoolDirectory.CompleteExtension);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public IReadOnlyList<string> StoredFiles() => [.. Store.EnumerateFiles()];

    public IReadOnlyList<string> SpoolFiles() => [.. Directory.EnumerateFiles(Spool.Path)];

    public IndexedInstance Indexed(string originalSopInstanceUid)
    {
        Assert.That(Index.TryGet(Pipeline.InstanceKeyOf(originalSopInstanceUid), out var instance), Is.True, "the instance is indexed");
        return instance!;
    }

    /// <summary>Polls (with a timeout, never a fixed sleep) until the condition holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Pipeline.Dispose();
        Writer.Complete();
        await _writerLoop;
        await _writerStop.CancelAsync();
        _writerStop.Dispose();
        Index.Dispose();
        _meters.Dispose();
    }
}
