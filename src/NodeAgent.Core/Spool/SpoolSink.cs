using Microsoft.Extensions.Logging;
using NodeAgent.Core.Storage;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Dimse;

namespace NodeAgent.Core.Spool;

/// <summary>
/// One C-STORE data set on its way into the spool: a Part 10 header, then the data set bytes exactly as they
/// arrive. On completion the file is checked (it must parse, and carry the SOP class and instance the command
/// named), fsync'd, renamed from .partial to .dcm, and the directory fsync'd; only then is success returned.
/// </summary>
internal sealed class SpoolSink : IStoreSink
{
    // The check reads the header only: pixel data is skipped with a seek, not loaded.
    private static readonly DicomReaderOptions CheckOptions = DicomReaderOptions.Default with { LargeValueThreshold = 64 * 1024 };

    private readonly SpoolDirectory _spool;
    private readonly StoreRequestContext _context;
    private readonly ILogger _logger;
    private readonly Action<string> _spooled;
    private readonly string _id;
    private readonly string _partialPath;
    private readonly FileStream _file;
    private long _bytes;
    private Exception? _writeFailure;
    private bool _completed;

    private SpoolSink(SpoolDirectory spool, StoreRequestContext context, ILogger logger, Action<string> spooled)
    {
        _spool = spool;
        _context = context;
        _logger = logger;
        _spooled = spooled;
        _id = SpoolDirectory.NewId();
        _partialPath = Path.Combine(spool.Path, _id + SpoolDirectory.PartialExtension);
        _file = OpenPartial(spool, _partialPath);
    }

    /// <summary>Opens a new spool file for writing: owner-only, a recycled file when one waits, unbuffered.</summary>
    internal static FileStream OpenPartial(SpoolDirectory spool, string partialPath, bool makeSpares = false)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            // Writes go straight to the page cache: an asynchronous FileStream on Unix queues every write to the
            // thread pool, a hop per fragment that costs more than the copy itself.
            BufferSize = 0,
            Options = FileOptions.None,
        };
        if (spool.TryReuse(partialPath, makeSpares))
        {
            // A recycled file, created owner-only like a new one.
            options.Mode = FileMode.Truncate;
        }
        else
        {
            // Identifying data: owner-only from the moment the file exists (DESIGN decision 3).
            OwnerOnly.WhenCreated(options);
        }

        return new FileStream(partialPath, options);
    }

    public static SpoolSink Create(SpoolDirectory spool, StoreRequestContext context, ILogger logger, TimeProvider time, Action<string> spooled)
    {
        _ = time;
        var sink = new SpoolSink(spool, context, logger, spooled);
        sink.WriteHeader();
        return sink;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_writeFailure is not null)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            _file.Write(fragment.Span);
            _bytes += fragment.Length;
        }
        catch (IOException e)
        {
            // Keep reading the rest of the data set off the wire so the association stays usable; the
            // failure is answered when the data set ends.
            _writeFailure = e;
            CoreLog.SpoolWriteFailed(_logger, e, _id);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writeFailure is not null)
        {
            return Reject(WriteFailed(_writeFailure));
        }

        try
        {
            _file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            CoreLog.SpoolWriteFailed(_logger, e, _id);
            return Reject(FsyncFailed(e));
        }

        // The check opens the file by path so large values stay references into it; read from the write
        // handle, the reader would copy the pixel data to a temporary file just to skip it.
        await _file.DisposeAsync().ConfigureAwait(false);
        var problem = Check();
        if (problem is not null)
        {
            return Reject(problem);
        }

        var completePath = Path.ChangeExtension(_partialPath, SpoolDirectory.CompleteExtension);
        File.Move(_partialPath, completePath);
        DirectorySync.Flush(_spool.Path);
        _completed = true;
        CoreLog.Spooled(_logger, _id, _context.CallingAE, _bytes, _context.TransferSyntax.Name);
        _spooled(completePath);
        return StoreResult.Success;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        if (!_completed)
        {
            File.Delete(_partialPath);
        }
    }

    private void WriteHeader() =>
        _file.Write(Part10Header.Encode(_context.SopClassUid, _context.SopInstanceUid, _context.TransferSyntax, _context.CallingAE));

    private StoreResult? Check()
    {
        DicomFile file;
        try
        {
            file = DicomFile.Open(_partialPath, CheckOptions);
        }
        catch (DicomFormatException e)
        {
            return new StoreResult(DimseStatus.CannotUnderstand, Trim($"NodeAgent cannot parse the data set: {e.Message}"));
        }

        var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID);
        if (!string.Equals(sopClass, _context.SopClassUid, StringComparison.Ordinal))
        {
            return new StoreResult(DimseStatus.DataSetDoesNotMatchSopClass, "The data set's SOP Class UID is not the command's");
        }

        var instance = file.Dataset.GetString(DicomTags.SOPInstanceUID);
        if (!string.Equals(instance, _context.SopInstanceUid, StringComparison.Ordinal))
        {
            return new StoreResult(DimseStatus.CannotUnderstand, "The data set's SOP Instance UID is not the command's");
        }

        return null;
    }

    private StoreResult Reject(StoreResult result) => Rejected(_logger, _id, _context, result);

    /// <summary>Logs the refusal of a data set (without anything identifying) and returns its answer.</summary>
    internal static StoreResult Rejected(ILogger logger, string spoolId, StoreRequestContext context, StoreResult result)
    {
        CoreLog.SpoolRejected(logger, spoolId, context.CallingAE, result.Status.ToString(), result.ErrorComment ?? "");
        return result;
    }

    private static string Trim(string comment) => comment.Length <= 64 ? comment : comment[..64];

    /// <summary>The answer to a data set whose spool file could not be written: A700 on a full disk (PS3.4 B.2.3).</summary>
    internal static StoreResult WriteFailed(Exception e) => OutOfSpace(e)
        ? new StoreResult(DimseStatus.OutOfResources, "NodeAgent could not write the instance: the disk is full")
        : new StoreResult(DimseStatus.ProcessingFailure, "NodeAgent could not write the instance to its spool");

    /// <summary>The answer to a data set whose spool file could not be fsync'd.</summary>
    internal static StoreResult FsyncFailed(Exception e) =>
        new(OutOfSpace(e) ? DimseStatus.OutOfResources : DimseStatus.ProcessingFailure, "NodeAgent could not make the instance durable");

    // ENOSPC on Linux, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    private static bool OutOfSpace(Exception e) => (e.HResult & 0xFFFF) is 28 or 112 or 39;
}
