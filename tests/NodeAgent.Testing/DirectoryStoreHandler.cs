using System.Collections.Concurrent;
using NodeAgent.Dicom.Network;

namespace NodeAgent.Testing;

/// <summary>
/// A store handler for listener tests that keeps each received data set in a real directory: the bytes go to
/// <c>&lt;n&gt;.partial</c> as they arrive, which is renamed to <c>&lt;n&gt;.dcm</c> when the data set is complete
/// and deleted when the sink is disposed without completing (the peer aborted, the connection dropped). The files
/// hold the raw data set in the presentation context's transfer syntax, without File Meta Information.
/// </summary>
public sealed class DirectoryStoreHandler : IStoreHandler
{
    private readonly ConcurrentQueue<ReceivedInstance> _completed = new();
    private int _next;
    private int _aborted;

    /// <summary>Creates a handler writing into <paramref name="directory"/>, which must exist.</summary>
    public DirectoryStoreHandler(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The directory '{directory}' does not exist.");
        }

        Directory = directory;
    }

    /// <summary>Where the files go.</summary>
    public string Directory { get; }

    /// <summary>The C-STORE data sets received whole, in the order they completed (a snapshot).</summary>
    public IReadOnlyList<ReceivedInstance> Completed => [.. _completed];

    /// <summary>Sinks disposed without completion: data sets whose partial file was deleted.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    /// <summary>C-STORE data sets begun so far.</summary>
    public int Begun => Volatile.Read(ref _next);

    /// <summary>The partial files in the directory now: data sets still arriving, or left behind by a bug.</summary>
    public IReadOnlyList<string> PartialFiles => System.IO.Directory.GetFiles(Directory, "*.partial");

    /// <summary>Called once per C-STORE before its sink is made; a non-null result refuses the data set with it.</summary>
    public Func<StoreRequestContext, StoreResult?>? Refuse { get; init; }

    /// <inheritdoc/>
    public ValueTask<StoreStart> BeginAsync(StoreRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Refuse?.Invoke(context) is { } refusal)
        {
            return ValueTask.FromResult(StoreStart.Refuse(refusal));
        }

        var number = Interlocked.Increment(ref _next);
        var partial = Path.Combine(Directory, $"{number}.partial");
        // Unbuffered: each fragment is on disk once WriteAsync returns, so a test can watch the partial file grow.
        var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);
        return ValueTask.FromResult(StoreStart.Accept(new DirectoryStoreSink(this, number, context, partial, file)));
    }

    internal void OnCompleted(ReceivedInstance instance) => _completed.Enqueue(instance);

    internal void OnAborted() => Interlocked.Increment(ref _aborted);
}
