using System.IO.Compression;

namespace NodeAgent.Dicom.IO;

/// <summary>
/// Reads Part 10 files (PS3.10 §7.1) and bare data sets: preamble and file meta when present, the transfer
/// syntax from the meta or, failing that, from the data itself, and deflated data sets inflated on the fly.
/// </summary>
internal static class DicomFileReader
{
    private const int PreambleLength = 128;
    private const int MaxStrayBytes = 3;
    private static readonly TransferSyntax DeflatedSyntax = TransferSyntax.DeflatedExplicitVRLittleEndian;

    public static DicomFile Open(string path, DicomReaderOptions options)
    {
        // Our own buffer does the buffering; FileStream's would only copy the bytes twice.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Read(stream, Path.GetFullPath(path), options);
    }

    public static DicomFile Read(Stream stream, string? sourcePath, DicomReaderOptions options)
    {
        var warnings = new ReadWarnings();
        using var input = new DicomByteReader(stream);
        var hadPreamble = SkipPreamble(input);
        var meta = new DicomDataset();
        var reader = new DicomDatasetReader(input, options, sourcePath, warnings);
        reader.ReadDataset(meta, EncodingRules.ExplicitLittle, -1, 0, tag => tag.Group != 0x0002);

        var syntax = SyntaxFromMeta(meta, warnings, input.Position);
        if (syntax is null)
        {
            syntax = DetectSyntax(input, hadPreamble || meta.Count > 0, warnings);
        }

        var dataset = new DicomDataset();
        if (syntax.IsDeflated)
        {
            ReadDeflated(input, dataset, options, warnings);
        }
        else
        {
            reader.ReadDataset(dataset, EncodingRules.For(syntax), -1, 0);
        }

        return new DicomFile(meta, dataset, syntax, warnings.Messages);
    }

    public static DicomDataset ReadDataset(Stream stream, TransferSyntax syntax, string? sourcePath, DicomReaderOptions options, out IReadOnlyList<string> warningMessages)
    {
        var warnings = new ReadWarnings();
        using var input = new DicomByteReader(stream);
        var dataset = new DicomDataset();
        if (syntax.IsDeflated)
        {
            ReadDeflated(input, dataset, options, warnings);
        }
        else
        {
            new DicomDatasetReader(input, options, sourcePath, warnings).ReadDataset(dataset, EncodingRules.For(syntax), -1, 0);
        }

        warningMessages = warnings.Messages;
        return dataset;
    }

    private static bool SkipPreamble(DicomByteReader input)
    {
        var head = input.Peek(PreambleLength + 4);
        if (head.Length == PreambleLength + 4 && head[PreambleLength..].SequenceEqual("DICM"u8))
        {
            input.Advance(PreambleLength + 4);
            return true;
        }

        if (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8))
        {
            input.Advance(4);
            return true;
        }

        return false;
    }

    private static TransferSyntax? SyntaxFromMeta(DicomDataset meta, ReadWarnings warnings, long position)
    {
        var uid = meta.GetString(new DicomTag(0x0002, 0x0010));
        if (string.IsNullOrEmpty(uid))
        {
            if (meta.Count > 0)
            {
                warnings.Add("The file meta has no Transfer Syntax UID; the encoding was detected from the data", position);
            }

            return null;
        }

        var syntax = TransferSyntax.Lookup(uid);
        if (syntax.IsUnknown)
        {
            warnings.Add($"Unknown transfer syntax {uid}; read as explicit VR little endian", position);
        }

        return syntax;
    }

    private static TransferSyntax DetectSyntax(DicomByteReader input, bool hadMeta, ReadWarnings warnings)
    {
        var head = input.Peek(512 + MaxStrayBytes);
        for (var skip = 0; skip <= (hadMeta ? 0 : MaxStrayBytes) && skip < head.Length; skip++)
        {
            var remaining = input.Remaining < 0 ? -1 : input.Remaining - skip;
            var detected = TransferSyntaxDetector.Detect(head[skip..], remaining);
            if (detected is null)
            {
                continue;
            }

            if (skip > 0)
            {
                warnings.Add($"{skip} stray byte(s) before the data set were skipped", input.Position);
                input.Advance(skip);
            }

            return detected;
        }

        if (head.Length == 0 && hadMeta)
        {
            return TransferSyntax.ExplicitVRLittleEndian;
        }

        throw new DicomFormatException(
            "Not DICOM: no preamble, no file meta, and the data does not parse as implicit or explicit VR", input.Position);
    }

    private static void ReadDeflated(DicomByteReader input, DicomDataset dataset, DicomReaderOptions options, ReadWarnings warnings)
    {
        // PS3.5 §A.5 says raw deflate (RFC 1951); some writers wrap it in zlib (RFC 1950). Both are read.
        var head = input.Peek(2);
        var zlib = head.Length == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
        if (zlib)
        {
            warnings.Add("The deflated data set has a zlib header; PS3.5 A.5 asks for raw deflate", input.Position);
        }

        using var compressed = new RemainderStream(input);
        using Stream inflated = zlib
            ? new ZLibStream(compressed, CompressionMode.Decompress)
            : new DeflateStream(compressed, CompressionMode.Decompress);
        using var body = new DicomByteReader(inflated) { ReadLimit = options.MaxInflatedLength };
        try
        {
            new DicomDatasetReader(body, options, null, warnings).ReadDataset(dataset, EncodingRules.For(DeflatedSyntax), -1, 0);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException("The deflated data set is corrupt", body.Position, e);
        }
    }
}
