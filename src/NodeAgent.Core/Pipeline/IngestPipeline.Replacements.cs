using NodeAgent.Core.Index;
using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Pipeline;

/// <summary>
/// A re-send stored under other UIDs replaces the old file: the index entry moves to the new path, then the old file
/// is deleted. A stop between the two would leave the old file unindexed in the store for ever, so before the index
/// write the old path is recorded in the spool ("&lt;instance key&gt;.replaced"); the next start deletes what the
/// index no longer points to and drops the record.
/// </summary>
public sealed partial class IngestPipeline
{
    // Called under the instance's gate, before its index write, with what the index holds for the key now (the caller
    // has looked it up already: a LiteDB lookup costs more than the rest of this): null when nothing else is indexed.
    private string? RecordReplacement(string key, IndexedInstance? existing, string newRelativePath)
    {
        if (existing is null || string.Equals(existing.Entry.StoredPath, newRelativePath, StringComparison.Ordinal))
        {
            return null;
        }

        var record = _spool.ReplacementPathOf(key);
        using (var file = new FileStream(record, OwnerOnly.WhenCreated(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 0 })))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(existing.Entry.StoredPath));
            file.Flush(flushToDisk: true);
        }

        DirectorySync.Flush(_spool.Path);
        return record;
    }

    // At start: each recorded replacement whose index entry no longer names the old file deletes it.
    private void FinishReplacements()
    {
        foreach (var record in _spool.ReplacementRecords())
        {
            var key = Path.GetFileNameWithoutExtension(record);
            var old = File.ReadAllText(record).Trim();
            var stillIndexed = _index.TryGet(key, out var entry) && string.Equals(entry.Entry.StoredPath, old, StringComparison.Ordinal);
            if (!stillIndexed && old.Length > 0)
            {
                _store.Delete(old);
                CoreLog.FinishedReplacement(_logger, old);
            }

            File.Delete(record);
        }
    }

    private static void DeleteRecord(string? record)
    {
        if (record is not null)
        {
            File.Delete(record);
        }
    }
}
