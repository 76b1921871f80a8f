using System.Collections.Concurrent;
using System.Security.Cryptography;
using NodeAgent.Core.Index;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Spool;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// Finishing an instance prepared on arrival: its ready spool file is the stored file already, so it is indexed and
/// then moved into the store. Index first: a crash between the two leaves the ready file, and processing it again
/// finds its own entry and only moves it (nothing is stored unindexed, nothing indexed is lost).
/// </summary>
public sealed partial class IngestPipeline
{
    // What preparing gave, for ready files queued on arrival; a ready file found by a scan is read back instead.
    private readonly ConcurrentDictionary<string, ReadyInstance> _ready = new(StringComparer.Ordinal);

    private async Task<ProcessResult> ProcessReadyAsync(
        string path, string spoolId, long started, Action<string> setStage, TaskCompletionSource? handedOff, CancellationToken abort)
    {
        var key = SpoolDirectory.InstanceKeyOfReady(path)
            ?? throw new PipelineRejection(QuarantineCodes.InternalError, "The ready spool file's name carries no instance key.");
        if (!_ready.TryRemove(path, out var ready))
        {
            try
            {
                ready = ReadBack(path, key);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return new ProcessResult(ProcessOutcome.Vanished);
            }
        }

        await _gate.EnterAsync(key).ConfigureAwait(false);
        try
        {
            return await StoreReadyAsync(ready, spoolId, key, started, setStage, handedOff, abort).ConfigureAwait(false);
        }
        finally
        {
            _gate.Exit(key);
        }
    }

    private async Task<ProcessResult> StoreReadyAsync(
        ReadyInstance ready, string spoolId, string key, long started, Action<string> setStage, TaskCompletionSource? handedOff, CancellationToken abort)
    {
        var head = ready.Head;
        var mark = _time.GetTimestamp();
        setStage(PipelineStages.Index);
        var existing = _index.TryGet(key, out var indexed) ? indexed : null;
        // Indexed by an earlier attempt that stopped before the move: only the move is left to do.
        var indexedAlready = existing is not null
            && string.Equals(existing.Entry.StoredPath, head.RelativePath, StringComparison.Ordinal)
            && string.Equals(existing.Entry.Sha256, ready.Sha256, StringComparison.Ordinal);
        if (existing is not null && !indexedAlready && _options.DuplicatePolicy == DuplicatePolicy.KeepFirst)
        {
            return DropDuplicate(ready.SpoolPath, spoolId);
        }

        // A move left by an earlier run counts as this run's store: that run stopped before it counted anything.
        var status = IndexWriteStatus.Added;
        IndexedInstance? previous = null;
        string? replacement = null;
        if (!indexedAlready)
        {
            replacement = RecordReplacement(key, existing, head.RelativePath);
            var entry = _extractor.CreateEntry(key, head.Dataset, head.StoredSyntax.Uid, head.RelativePath, ready.Sha256, ready.Size);
            var indexing = _writer.AddAsync(entry, abort);
            handedOff?.TrySetResult();
            var written = await indexing.ConfigureAwait(false);
            if (written.Status == IndexWriteStatus.Ignored)
            {
                DeleteRecord(replacement);
                return DropDuplicate(ready.SpoolPath, spoolId);
            }

            (status, previous) = (written.Status, written.Previous);
        }

        mark = Mark(PipelineStages.Index, mark);
        setStage(PipelineStages.Store);
        var stored = _store.MoveIntoPlace(ready.SpoolPath, head.RelativePath, ready.Sha256, ready.Size, head.StoredSyntax);
        handedOff?.TrySetResult();
        await _store.FlushDirectoryAsync(stored).ConfigureAwait(false);
        if (previous is not null && !string.Equals(previous.Entry.StoredPath, stored.RelativePath, StringComparison.Ordinal))
        {
            // Replaced by an instance stored under other UIDs: the old file is no longer indexed.
            _store.Delete(previous.Entry.StoredPath);
        }

        DeleteRecord(replacement);

        Mark(PipelineStages.Store, mark);
        return Counted(spoolId, stored, head.PatientPseudonym ?? "?", status, started);
    }

    private ProcessResult DropDuplicate(string path, string spoolId)
    {
        _spool.Remove(path);
        Interlocked.Increment(ref _duplicates);
        _telemetry.Duplicate();
        CoreLog.DuplicateDropped(_logger, spoolId);
        return new ProcessResult(ProcessOutcome.Duplicate);
    }

    // A ready file found in the spool (left by a stop or a crash, or queued by a scan): the head is read from it and
    // the hash recomputed, so nothing rests on what the process that wrote it knew.
    private static ReadyInstance ReadBack(string path, string key)
    {
        var file = DicomFile.Open(path, ReadOptions);
        var dataset = file.Dataset;
        var relative = InstanceStore.RelativePathOf(dataset);
        string sha256;
        long size;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            size = stream.Length;
        }

        var head = new PreparedHead(key, relative, ReadOnlyMemory<byte>.Empty, dataset, file.TransferSyntax, dataset.GetString(DicomTags.PatientID));
        return new ReadyInstance(path, head, sha256, size);
    }
}
