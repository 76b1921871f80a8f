using NodeAgent.Dicom.Network;

namespace NodeAgent.Testing;

/// <summary>
/// One data set on its way into a <see cref="DirectoryStoreHandler"/>'s directory. Disposing it before
/// <see cref="CompleteAsync"/> deletes the partial file, as <see cref="IStoreSink"/> requires; disposing twice is harmless.
/// </summary>
public sealed class DirectoryStoreSink : IStoreSink
{
    private readonly DirectoryStoreHandler _handler;
    private readonly int _number;
    private readonly StoreRequestContext _context;
    private readonly string _partialPath;
    private readonly FileStream _file;
    private bool _completed;
    private bool _disposed;

    internal DirectoryStoreSink(DirectoryStoreHandler handler, int number, StoreRequestContext context, string partialPath, FileStream file)
    {
        _handler = handler;
        _number = number;
        _context = context;
        _partialPath = partialPath;
        _file = file;
    }

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        await _file.WriteAsync(fragment, cancellationToken);
        Length += fragment.Length;
    }

    /// <inheritdoc/>
    public async ValueTask<StoreResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        await _file.FlushAsync(cancellationToken);
        await _file.DisposeAsync();
        var path = Path.Combine(_handler.Directory, $"{_number}.dcm");
        File.Move(_partialPath, path);
        _completed = true;
        _handler.OnCompleted(new ReceivedInstance(_number, path, _context.TransferSyntax, _context.SopClassUid, _context.SopInstanceUid,
            _context.CallingAE, _context.AssociationId));
        return StoreResult.Success;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_completed)
        {
            return;
        }

        await _file.DisposeAsync();
        File.Delete(_partialPath);
        _handler.OnAborted();
    }
}
