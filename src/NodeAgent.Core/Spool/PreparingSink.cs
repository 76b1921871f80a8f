using System.Buffers;
using Microsoft.Extensions.Logging;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Core.Spool;

/// <summary>
/// One C-STORE data set processed while it arrives. The head (every element before the pixel data) is gathered in
/// memory, then validated, pseudonymised and standardised by the pipeline; the processed head and, behind it, the
/// pixel data as it arrives are written to a spool file that is already the stored file. On completion it is fsync'd
/// and renamed to its ready name, and only then is success returned (DESIGN decision 2). Pixel data is written once.
/// Whatever this path cannot take exactly (a head it cannot read strictly or larger than <see cref="HeadLimit"/>,
/// an instance the pipeline declines, elements after the pixel data, a malformed or short value) goes to a
/// <see cref="SpoolSink"/> byte for byte as received, so the long way decides it: checked on completion, then
/// processed or quarantined by the pipeline.
/// </summary>
internal sealed class PreparingSink : IStoreSink
{
    /// <summary>
    /// The largest head gathered in memory before the instance goes the long way: the largest P-DATA-TF the listener
    /// accepts by default (256 KiB), so an association never holds more of an instance than one PDU's worth. An
    /// instance without pixel data is held whole only when it is that small; a larger one (a big structured report, an
    /// RT structure set) streams into the spool as received.
    /// </summary>
    internal const int HeadLimit = 256 * 1024;

    private const int CopyChunk = 64 * 1024;

    // How much is written before its write-out is started (WriteBehind): a few chunks per 512 KiB slice.
    private const int WriteBehindChunk = 128 * 1024;

    private readonly SpoolDirectory _spool;
    private readonly StoreRequestContext _context;
    private readonly IInstancePreparer _preparer;
    private readonly ILogger _logger;
    private readonly Func<SpoolSink> _longWay;
    private readonly DirectoryFlusher _spoolFlusher;
    private readonly string _id = SpoolDirectory.NewId();
    private byte[] _head = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _headLength;
    private int _nextAttempt;
    private DatasetHead? _datasetHead;
    private PreparedHead? _prepared;
    private string? _partialPath;
    private FileStream? _file;
    private HashingWriteStream? _hashing;
    private PixelDataTracker? _tracker;
    private SpoolSink? _received;
    private Exception? _writeFailure;
    private long _bytes;
    private long _writeBehindFrom;
    private bool _completed;

    public PreparingSink(
        SpoolDirectory spool, StoreRequestContext context, IInstancePreparer preparer, ILogger logger, Func<SpoolSink> longWay, DirectoryFlusher spoolFlusher)
    {
        _spoolFlusher = spoolFlusher;
        _spool = spool;
        _context = context;
        _preparer = preparer;
        _logger = logger;
        _longWay = longWay;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        _bytes += fragment.Length;
        if (_received is not null)
        {
            await _received.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        }
        else if (_writeFailure is not null)
        {
            // Drained: the failure is answered when the data set ends.
        }
        else if (_tracker is null)
        {
            await GatherAsync(fragment, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WritePixelDataAsync(fragment, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_received is null && _tracker is null && _writeFailure is null)
        {
            // The data set ended while its head was gathered: a last read, of the whole data set, decides.
            var status = DatasetHeadReader.TryRead(new ArraySegment<byte>(_head, 0, _headLength), _context.TransferSyntax, complete: true, out var head);
            if (status == DatasetHeadStatus.Found)
            {
                await StartWithPixelDataAsync(head!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await GoTheLongWayAsync("its head cannot be read strictly", ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_tracker is not null && _received is null && _writeFailure is null && !_tracker.Complete)
        {
            await GoTheLongWayAsync("its pixel data is incomplete", ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }

        if (_received is not null)
        {
            return await _received.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_received is not null)
        {
            await _received.DisposeAsync().ConfigureAwait(false);
        }

        await CloseFileAsync().ConfigureAwait(false);
        if (!_completed && _partialPath is not null)
        {
            File.Delete(_partialPath);
        }

        ReturnHead();
    }

    private async ValueTask GatherAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_headLength + fragment.Length > HeadLimit)
        {
            await GoTheLongWayAsync("its head is over the in-memory limit", fragment, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_headLength + fragment.Length > _head.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_head.Length * 2, _headLength + fragment.Length));
            _head.AsSpan(0, _headLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_head);
            _head = larger;
        }

        fragment.Span.CopyTo(_head.AsSpan(_headLength));
        _headLength += fragment.Length;
        if (_headLength < _nextAttempt)
        {
            return;
        }

        // A head arriving in many small fragments is re-read only each time it has doubled: linear work in all.
        _nextAttempt = _headLength * 2;
        var status = DatasetHeadReader.TryRead(new ArraySegment<byte>(_head, 0, _headLength), _context.TransferSyntax, complete: false, out var head);
        if (status == DatasetHeadStatus.Found)
        {
            await StartWithPixelDataAsync(head!, cancellationToken).ConfigureAwait(false);
        }
        else if (status == DatasetHeadStatus.Unsuitable)
        {
            await GoTheLongWayAsync("its head cannot be read strictly", ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask StartWithPixelDataAsync(DatasetHead head, CancellationToken cancellationToken)
    {
        if (!Start(head))
        {
            await GoTheLongWayAsync("the pipeline declined it", ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            return;
        }

        var arrived = (int)head.PixelDataValueOffset;
        if (head.HasPixelData && arrived < _headLength)
        {
            await WritePixelDataAsync(_head.AsMemory(arrived, _headLength - arrived), cancellationToken).ConfigureAwait(false);
        }
    }

    // Prepares the head and opens the file behind it; false when the pipeline declines (nothing is written then).
    private bool Start(DatasetHead head)
    {
        var prepared = _preparer.TryPrepare(head, _context);
        if (prepared is null)
        {
            return false;
        }

        _datasetHead = head;
        _prepared = prepared;
        _partialPath = Path.Combine(_spool.Path, _id + SpoolDirectory.PartialExtension);
        _tracker = new PixelDataTracker(head.HasPixelData ? head.PixelDataLength : 0);
        try
        {
            // Prepared files move on into the store, so none comes back to be recycled: spares are made ahead.
            _file = SpoolSink.OpenPartial(_spool, _partialPath, makeSpares: true);
        }
        catch (IOException e)
        {
            _writeFailure = e;
            CoreLog.SpoolWriteFailed(_logger, e, _id);
            return true;
        }

        _hashing = new HashingWriteStream(_file);
        Write(prepared.FileHead.Span);
        return true;
    }

    private async ValueTask WritePixelDataAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var taken = _tracker!.Accept(bytes.Span);
        Write(bytes.Span[..taken]);
        if (taken < bytes.Length && _writeFailure is null)
        {
            await GoTheLongWayAsync(_tracker.Malformed ? "its encapsulated pixel data is malformed" : "elements follow its pixel data", bytes[taken..], cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_writeFailure is not null || bytes.IsEmpty)
        {
            return;
        }

        try
        {
            _hashing!.Write(bytes);
            var written = _hashing.Length;
            if (written - _writeBehindFrom >= WriteBehindChunk)
            {
                WriteBehind.Start(_file!.SafeFileHandle, _writeBehindFrom, written - _writeBehindFrom);
                _writeBehindFrom = written;
            }
        }
        catch (IOException e)
        {
            // The rest of the data set is still read off the wire so the association stays usable; the failure is
            // answered when the data set ends.
            _writeFailure = e;
            CoreLog.SpoolWriteFailed(_logger, e, _id);
        }
    }

    // From here on the data set goes to a spool file exactly as received: the head as gathered, the pixel data
    // written so far (read back from the prepared file, behind its processed head), then the rest.
    private async ValueTask GoTheLongWayAsync(string why, ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        CoreLog.TakingLongWay(_logger, _id, why);
        try
        {
            _received = _longWay();
        }
        catch (IOException e)
        {
            _writeFailure = e;
            CoreLog.SpoolWriteFailed(_logger, e, _id);
            return;
        }

        if (_datasetHead is null)
        {
            await _received.WriteAsync(_head.AsMemory(0, _headLength), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _received.WriteAsync(_head.AsMemory(0, _datasetHead.HasPixelData ? (int)_datasetHead.PixelDataValueOffset : _headLength), cancellationToken).ConfigureAwait(false);
            await CopyPixelDataWrittenAsync(cancellationToken).ConfigureAwait(false);
        }

        ReturnHead();
        if (!rest.IsEmpty)
        {
            await _received.WriteAsync(rest, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask CopyPixelDataWrittenAsync(CancellationToken cancellationToken)
    {
        var written = _hashing?.Length ?? 0;
        await CloseFileAsync().ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyChunk);
        try
        {
            await using var source = new FileStream(_partialPath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            source.Position = Math.Min(_prepared!.FileHead.Length, written);
            var left = written - _prepared!.FileHead.Length;
            while (left > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(CopyChunk, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("The prepared spool file is shorter than what was written to it.");
                }

                await _received!.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        File.Delete(_partialPath!);
        _partialPath = null;
    }

    private async ValueTask<StoreResult> FinishAsync()
    {
        if (_writeFailure is not null)
        {
            return Reject(SpoolSink.WriteFailed(_writeFailure));
        }

        string sha256;
        long size;
        try
        {
            _file!.Flush(flushToDisk: true);
            WriteBehind.Drop(_file.SafeFileHandle);
            size = _hashing!.Length;
            sha256 = _hashing.HashHex();
        }
        catch (IOException e)
        {
            CoreLog.SpoolWriteFailed(_logger, e, _id);
            return Reject(SpoolSink.FsyncFailed(e));
        }

        await CloseFileAsync().ConfigureAwait(false);
        var readyPath = _spool.ReadyPathOf(_id, _prepared!.InstanceKey);
        File.Move(_partialPath!, readyPath);
        // Associations finishing together share one fsync of the spool directory instead of queueing for its lock.
        await _spoolFlusher.FlushAsync(_spool.Path).ConfigureAwait(false);
        _completed = true;
        CoreLog.Prepared(_logger, _id, _context.CallingAE, _bytes, _context.TransferSyntax.Name);
        _preparer.Prepared(new ReadyInstance(readyPath, _prepared, sha256, size));
        return StoreResult.Success;
    }

    private async ValueTask CloseFileAsync()
    {
        _hashing?.Dispose();
        _hashing = null;
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }
    }

    private void ReturnHead()
    {
        if (_head.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_head);
            _head = [];
            _headLength = 0;
        }
    }

    private StoreResult Reject(StoreResult result) => SpoolSink.Rejected(_logger, _id, _context, result);
}
