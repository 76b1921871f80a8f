using System.Buffers;

namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>An array rented from <see cref="ArrayPool{T}.Shared"/>, returned exactly once however often it is disposed.</summary>
internal sealed class RentedBuffer(byte[] array) : IDisposable
{
    private byte[]? _array = array;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
