using System.Buffers.Binary;

namespace NodeAgent.Dicom.IO;

/// <summary>What <see cref="DatasetHeadReader.TryRead"/> found in the bytes so far.</summary>
public enum DatasetHeadStatus
{
    /// <summary>Every element before the pixel data (or the whole data set, when complete and without pixel data) is parsed.</summary>
    Found,

    /// <summary>The bytes end before the pixel data starts: call again with more.</summary>
    NeedMore,

    /// <summary>
    /// The bytes are not a data set this reader takes: malformed, a fault a tolerant reader would pass over, or a
    /// transfer syntax whose bytes cannot be kept as they are (deflated, big endian). Read the whole data set instead.
    /// </summary>
    Unsuitable,
}

/// <summary>
/// Reads the head of a data set while it is still arriving (a C-STORE streamed from the network), so its pixel data
/// can be written once, straight to its final file, after the head is processed. Strict: anything a tolerant read
/// would have to repair is <see cref="DatasetHeadStatus.Unsuitable"/>, so the head means exactly what a later read of
/// the whole data set would give.
/// </summary>
public static class DatasetHeadReader
{
    private static readonly DicomReaderOptions HeadOptions = DicomReaderOptions.Default with
    {
        Strict = true,
        // The caller bounds the head; every value in it is loaded, none spooled to a temporary file.
        LargeValueThreshold = long.MaxValue,
    };

    /// <summary>
    /// True when data sets in <paramref name="syntax"/> can be read this way at all: not deflated (their bytes are not
    /// the elements') and not big endian (the stored file is little endian, so no byte could be kept as it came).
    /// </summary>
    public static bool CanRead(TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        return !syntax.IsDeflated && !syntax.IsBigEndian;
    }

    /// <summary>Tries to read the head from the bytes received so far.</summary>
    /// <param name="bytes">The data set's bytes from its start, in <paramref name="syntax"/>.</param>
    /// <param name="syntax">The transfer syntax of the bytes.</param>
    /// <param name="complete">True when the bytes are the whole data set.</param>
    /// <param name="head">The head, when found.</param>
    public static DatasetHeadStatus TryRead(ArraySegment<byte> bytes, TransferSyntax syntax, bool complete, out DatasetHead? head)
    {
        head = null;
        if (!CanRead(syntax) || bytes.Array is null)
        {
            return DatasetHeadStatus.Unsuitable;
        }

        var rules = EncodingRules.For(syntax);
        var dataset = new DicomDataset();
        long stop;
        try
        {
            using var stream = new MemoryStream(bytes.Array, bytes.Offset, bytes.Count, writable: false);
            using var input = new DicomByteReader(stream);
            new DicomDatasetReader(input, HeadOptions, null, new ReadWarnings()).ReadDataset(dataset, rules, -1, 0, tag => tag == DicomTags.PixelData);
            stop = input.Position;
        }
        catch (DicomTruncatedException)
        {
            return complete ? DatasetHeadStatus.Unsuitable : DatasetHeadStatus.NeedMore;
        }
        catch (DicomFormatException)
        {
            return DatasetHeadStatus.Unsuitable;
        }

        if (stop >= bytes.Count)
        {
            if (!complete)
            {
                return DatasetHeadStatus.NeedMore;
            }

            head = new DatasetHead(dataset, -1, 0, null, 0);
            return DatasetHeadStatus.Found;
        }

        return ReadPixelDataHeader(bytes.AsSpan((int)stop), dataset, syntax, stop, complete, out head);
    }

    private static DatasetHeadStatus ReadPixelDataHeader(ReadOnlySpan<byte> at, DicomDataset dataset, TransferSyntax syntax, long offset, bool complete, out DatasetHead? head)
    {
        head = null;
        var explicitVR = syntax.IsExplicitVR;
        var headerLength = explicitVR ? 12 : 8;
        if (at.Length < headerLength)
        {
            return complete ? DatasetHeadStatus.Unsuitable : DatasetHeadStatus.NeedMore;
        }

        DicomVR vr;
        uint length;
        if (explicitVR)
        {
            if (!DicomVR.TryParse(at[4], at[5], out vr) || (vr != DicomVR.OB && vr != DicomVR.OW) || at[6] != 0 || at[7] != 0)
            {
                return DatasetHeadStatus.Unsuitable;
            }

            length = BinaryPrimitives.ReadUInt32LittleEndian(at[8..]);
        }
        else
        {
            vr = ImplicitVRResolver.Resolve(DicomTags.PixelData, dataset);
            length = BinaryPrimitives.ReadUInt32LittleEndian(at[4..]);
            if (length == DatasetHead.UndefinedLength)
            {
                // Encapsulated pixel data needs explicit VR (PS3.5 §A.4).
                return DatasetHeadStatus.Unsuitable;
            }
        }

        if ((length == DatasetHead.UndefinedLength) != syntax.IsEncapsulated)
        {
            // Fragments in a native syntax, or one value in an encapsulated one: only the reader of the whole file can tell.
            return DatasetHeadStatus.Unsuitable;
        }

        // An odd length is a fault the writer of the whole file would repair; the bytes could not be kept as they are.
        if (length != DatasetHead.UndefinedLength && (length & 1) == 1)
        {
            return DatasetHeadStatus.Unsuitable;
        }

        head = new DatasetHead(dataset, offset, headerLength, vr, length);
        return DatasetHeadStatus.Found;
    }
}
