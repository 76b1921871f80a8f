using NodeAgent.Dicom.IO;

namespace NodeAgent.Dicom.Network.Client;

/// <summary>
/// Streams a C-STORE data set into data PDVs with bounded memory: straight from the file when it goes in its own
/// syntax, or through the encoder, whose large values are read from the file as they are written.
/// </summary>
internal static class DataSetSender
{
    private const int CopyBufferSize = 256 * 1024;

    private static readonly ReadOnlyMemory<byte> Pad = new byte[1];

    /// <summary>Sends the data set and the last fragment; returns the bytes sent.</summary>
    public static async Task<long> SendAsync(PDataStream output, DicomFile file, string path, StorePlan plan, CancellationToken cancellationToken)
    {
        if (plan.BodyOffset is { } offset)
        {
            var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (input.ConfigureAwait(false))
            {
                input.Seek(offset, SeekOrigin.Begin);
                await input.CopyToAsync(output, CopyBufferSize, cancellationToken).ConfigureAwait(false);
            }

            if (plan.PadToEven)
            {
                await output.WriteAsync(Pad, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // The encoder writes synchronously; on a pool thread, each write waits for the network as it must anyway.
            using var bridge = new CancellableWriteStream(output, cancellationToken);
            await Task.Run(() => DicomFileWriter.WriteBody(file.Dataset, plan.Syntax, bridge, DicomWriterOptions.Default), cancellationToken)
                .ConfigureAwait(false);
        }

        await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return output.BytesWritten;
    }
}
