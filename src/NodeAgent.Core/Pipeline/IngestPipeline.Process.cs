using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using NodeAgent.Core.Index;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Standardisation;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;

namespace NodeAgent.Core.Pipeline;

/// <summary>Processing one spool file.</summary>
public sealed partial class IngestPipeline
{
    // Values from 64 KiB up stay in the spool file: pixel data is copied from it to the stored file once, in
    // chunks, and never held whole in memory (a 512 × 512 CT slice is 512 KiB).
    private static readonly DicomReaderOptions ReadOptions = DicomReaderOptions.Default with { LargeValueThreshold = 64 * 1024 };
    private static readonly DicomTag SourceApplicationEntityTitle = new(0x0002, 0x0016);

    /// <summary>
    /// Processes one spool file to its end: stored and indexed (then the spool file is deleted), dropped as a
    /// duplicate, or quarantined; or left in the spool after a transient failure or when <paramref name="abort"/>
    /// is cancelled. Never throws for a bad file. The index writer's loop must be running.
    /// </summary>
    public async Task<ProcessOutcome> ProcessAsync(string spoolPath, CancellationToken abort = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolPath);
        var result = await ProcessInstanceAsync(spoolPath, null, abort).ConfigureAwait(false);
        if (result.Outcome == ProcessOutcome.Transient)
        {
            CoreLog.TransientFailure(_logger, result.Failure!, SpoolIdOf(spoolPath), result.Stage, 1, _options.RescanSeconds);
        }

        return result.Outcome;
    }

    /// <summary>The instance key of an original SOP Instance UID: hex HMAC-SHA256 under the instance key.</summary>
    public string InstanceKeyOf(string originalSopInstanceUid)
    {
        ArgumentNullException.ThrowIfNull(originalSopInstanceUid);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_instanceKey, Encoding.UTF8.GetBytes(originalSopInstanceUid.Trim(' ', '\0')), mac);
        return Convert.ToHexStringLower(mac);
    }

    // handedOff is completed once the instance no longer needs the worker: when it waits for its index batch (or ends).
    private async Task<ProcessResult> ProcessInstanceAsync(string path, TaskCompletionSource? handedOff, CancellationToken abort)
    {
        var spoolId = SpoolIdOf(path);
        _received.TryRemove(path, out var received);
        using var ingest = _telemetry.StartIngest(received, spoolId);
        var stage = PipelineStages.Parse;
        string? callingAE = null;
        string? key = null;
        var started = _time.GetTimestamp();
        var mark = started;
        try
        {
            if (SpoolDirectory.IsReady(path))
            {
                return await ProcessReadyAsync(path, spoolId, started, s => stage = s, handedOff, abort).ConfigureAwait(false);
            }

            DicomFile file;
            try
            {
                file = DicomFile.Open(path, ReadOptions);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return new ProcessResult(ProcessOutcome.Vanished);
            }

            callingAE = file.FileMetaInformation.GetString(SourceApplicationEntityTitle);
            mark = Mark(PipelineStages.Parse, mark);

            stage = PipelineStages.Validate;
            var originalUid = InstanceValidator.Validate(file);
            key = InstanceKeyOf(originalUid);
            mark = Mark(PipelineStages.Validate, mark);

            await _gate.EnterAsync(key).ConfigureAwait(false);
            try
            {
                return await StoreAsync(path, spoolId, file, key, started, mark, s => stage = s, handedOff, abort).ConfigureAwait(false);
            }
            finally
            {
                _gate.Exit(key);
            }
        }
        catch (DicomFormatException e)
        {
            return Quarantine(path, QuarantineCodes.Unparseable, e.Message, callingAE);
        }
        catch (PipelineRejection e)
        {
            return Quarantine(path, e.Code, e.Message, callingAE);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // Stopping before the instance was indexed: the spool file stays and is processed on the next start.
            return new ProcessResult(ProcessOutcome.Stopped);
        }
        catch (Exception e) when (IsTransient(e))
        {
            Interlocked.Increment(ref _transient);
            return new ProcessResult(ProcessOutcome.Transient, e, stage);
        }
        catch (Exception e)
        {
            // One poison file must not wedge the pipeline: anything unknown is logged critical and quarantined.
            CoreLog.UnexpectedFailure(_logger, e, spoolId, stage);
            return Quarantine(path, QuarantineCodes.InternalError,
                $"NodeAgent failed unexpectedly at stage {stage} ({e.GetType().Name}); the log has a critical entry for spool id {spoolId}.", callingAE);
        }
        finally
        {
            handedOff?.TrySetResult();
        }
    }

    private async Task<ProcessResult> StoreAsync(
        string path, string spoolId, DicomFile file, string key, long started, long mark, Action<string> setStage, TaskCompletionSource? handedOff, CancellationToken abort)
    {
        // Looked up once, under the instance's gate: for KeepFirst here, for the replacement record below.
        var existing = _index.TryGet(key, out var indexed) ? indexed : null;
        if (_options.DuplicatePolicy == DuplicatePolicy.KeepFirst && existing is not null)
        {
            return DropDuplicate(path, spoolId);
        }

        var dataset = file.Dataset;
        setStage(PipelineStages.Pseudonymise);
        var deidentified = _deidentifier.Deidentify(dataset);
        mark = Mark(PipelineStages.Pseudonymise, mark);

        setStage(PipelineStages.Standardise);
        CharacterSetStandardiser.ToUtf8(dataset);
        mark = Mark(PipelineStages.Standardise, mark);

        setStage(PipelineStages.Store);
        StoredInstance stored;
        try
        {
            stored = _store.Write(dataset, file.TransferSyntax, flushDirectory: false);
        }
        catch (ArgumentException e)
        {
            throw new PipelineRejection(QuarantineCodes.InvalidUid, e.Message);
        }

        mark = Mark(PipelineStages.Store, mark);

        setStage(PipelineStages.Index);
        var replacement = RecordReplacement(key, existing, stored.RelativePath);
        var entry = _extractor.CreateEntry(key, dataset, stored.TransferSyntaxUid, stored.RelativePath, stored.Sha256, stored.Size);
        // The worker moves on while the entry waits for its batch: many instances then share one LiteDB commit,
        // instead of each worker waiting for a commit of its own (measured: 47 ms per single-entry commit).
        var durable = _store.FlushDirectoryAsync(stored);
        var indexing = _writer.AddAsync(entry, abort);
        handedOff?.TrySetResult();
        try
        {
            // The rename must be durable before the spool file goes; the index entry may commit first (a crash then
            // leaves the spool file, and processing it again rewrites the same file and entry).
            await durable.ConfigureAwait(false);
        }
        finally
        {
            // Observed either way, so an index failure is never left unobserved when the fsync failed first.
            await ((Task)indexing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var written = await indexing.ConfigureAwait(false);
        Mark(PipelineStages.Index, mark);

        setStage(PipelineStages.Delete);
        if (written.Previous is { } previous && !string.Equals(previous.Entry.StoredPath, stored.RelativePath, StringComparison.Ordinal))
        {
            // Replaced: the old file is no longer indexed. Ignored (the writer keeps the first): ours is not indexed.
            _store.Delete(written.Status == IndexWriteStatus.Ignored ? stored.RelativePath : previous.Entry.StoredPath);
        }

        DeleteRecord(replacement);

        _spool.Remove(path);
        if (written.Status == IndexWriteStatus.Ignored)
        {
            Interlocked.Increment(ref _duplicates);
            _telemetry.Duplicate();
            return new ProcessResult(ProcessOutcome.Duplicate);
        }

        return Counted(spoolId, stored, deidentified.PatientPseudonym, written.Status, started);
    }

    private ProcessResult Counted(string spoolId, StoredInstance stored, string pseudonym, IndexWriteStatus status, long started)
    {
        if (status == IndexWriteStatus.Replaced)
        {
            Interlocked.Increment(ref _duplicates);
            _telemetry.Duplicate();
        }

        Interlocked.Increment(ref _stored);
        _telemetry.Stored();
        CoreLog.InstanceStored(_logger, spoolId, stored.RelativePath, pseudonym, stored.Size, status.ToString(), _time.GetElapsedTime(started).TotalMilliseconds);
        return new ProcessResult(ProcessOutcome.Stored);
    }

    private ProcessResult Quarantine(string path, string code, string message, string? callingAE)
    {
        var spoolId = SpoolIdOf(path);
        try
        {
            var id = _quarantine.Add(path, new QuarantineReason(code, message, _time.GetUtcNow(), callingAE));
            Interlocked.Increment(ref _quarantined);
            _telemetry.Quarantined(code);
            CoreLog.InstanceQuarantined(_logger, spoolId, callingAE ?? "?", id, code, message);
            return new ProcessResult(ProcessOutcome.Quarantined);
        }
        catch (FileNotFoundException)
        {
            return new ProcessResult(ProcessOutcome.Vanished);
        }
        catch (Exception e) when (IsTransient(e))
        {
            Interlocked.Increment(ref _transient);
            return new ProcessResult(ProcessOutcome.Transient, e, PipelineStages.Quarantine);
        }
    }

    private long Mark(string stage, long since)
    {
        var now = _time.GetTimestamp();
        _telemetry.Stage(stage, _time.GetElapsedTime(since, now), _time.GetUtcNow());
        return now;
    }

    // Disk full, a file locked or unwritable, the index file failing: the instance is fine, the machine is not.
    private static bool IsTransient(Exception e) => e is IOException or UnauthorizedAccessException or LiteDB.LiteException;
}
