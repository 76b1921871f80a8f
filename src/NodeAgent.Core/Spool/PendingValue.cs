using NodeAgent.Dicom.IO;

namespace NodeAgent.Core.Spool;

/// <summary>
/// Stands for a value still arriving (the pixel data, while the head is processed): its length is known, its bytes
/// are not. Reading them throws, so any step that would need them makes the instance go the long way.
/// </summary>
internal sealed class PendingValue(long length) : ByteSource
{
    public override long Length => length;

    public override bool IsInMemory => false;

    public override ReadOnlyMemory<byte> ReadAll() => throw NotArrived();

    public override void CopyTo(Stream destination) => throw NotArrived();

    public override Task CopyToAsync(Stream destination, CancellationToken cancellationToken) => throw NotArrived();

    private static InvalidOperationException NotArrived() => new("The value has not arrived yet.");
}
