using NodeAgent.Dicom.IO;

namespace NodeAgent.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE command set (PS3.7 §9.3, §E.1): group 0000 elements, always encoded in Implicit VR Little Endian
/// whatever the presentation context's transfer syntax.
/// </summary>
public sealed class DimseCommand
{
    /// <summary>(0000,0800) value meaning no data set follows.</summary>
    public const ushort NoDataSet = 0x0101;

    private static readonly DicomTag GroupLength = new(0x0000, 0x0000);
    private static readonly DicomTag AffectedSopClassUidTag = new(0x0000, 0x0002);
    private static readonly DicomTag CommandFieldTag = new(0x0000, 0x0100);
    private static readonly DicomTag MessageIdTag = new(0x0000, 0x0110);
    private static readonly DicomTag MessageIdBeingRespondedToTag = new(0x0000, 0x0120);
    private static readonly DicomTag MoveOriginatorAeTag = new(0x0000, 0x1030);
    private static readonly DicomTag MoveOriginatorMessageIdTag = new(0x0000, 0x1031);
    private static readonly DicomTag PriorityTag = new(0x0000, 0x0700);
    private static readonly DicomTag CommandDataSetTypeTag = new(0x0000, 0x0800);
    private static readonly DicomTag StatusTag = new(0x0000, 0x0900);
    private static readonly DicomTag OffendingElementTag = new(0x0000, 0x0901);
    private static readonly DicomTag ErrorCommentTag = new(0x0000, 0x0902);
    private static readonly DicomTag AffectedSopInstanceUidTag = new(0x0000, 0x1000);

    /// <summary>Wraps a decoded command set.</summary>
    public DimseCommand(DicomDataset dataset)
    {
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
    }

    /// <summary>The command elements.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>Command Field (0000,0100).</summary>
    public DimseCommandField CommandField => (DimseCommandField)(Dataset.GetNumber<ushort>(CommandFieldTag) ?? 0);

    /// <summary>Message ID (0000,0110).</summary>
    public ushort MessageId => Dataset.GetNumber<ushort>(MessageIdTag) ?? 0;

    /// <summary>Message ID Being Responded To (0000,0120).</summary>
    public ushort MessageIdBeingRespondedTo => Dataset.GetNumber<ushort>(MessageIdBeingRespondedToTag) ?? 0;

    /// <summary>Affected SOP Class UID (0000,0002).</summary>
    public string? AffectedSopClassUid => Dataset.GetString(AffectedSopClassUidTag);

    /// <summary>Affected SOP Instance UID (0000,1000).</summary>
    public string? AffectedSopInstanceUid => Dataset.GetString(AffectedSopInstanceUidTag);

    /// <summary>True when a data set follows the command (0000,0800) ≠ 0101.</summary>
    public bool HasDataSet => (Dataset.GetNumber<ushort>(CommandDataSetTypeTag) ?? NoDataSet) != NoDataSet;

    /// <summary>Status (0000,0900) of a response.</summary>
    public DimseStatus Status => new(Dataset.GetNumber<ushort>(StatusTag) ?? 0xFFFF);

    /// <summary>Error Comment (0000,0902) of a response.</summary>
    public string? ErrorComment => Dataset.GetString(ErrorCommentTag);

    /// <summary>Builds a C-ECHO-RQ.</summary>
    public static DimseCommand EchoRequest(ushort messageId) => new(new DicomDataset()
        .AddOrUpdate(AffectedSopClassUidTag, DicomVR.UI, KnownUids.Verification)
        .AddOrUpdate(CommandFieldTag, DicomVR.US, (ushort)DimseCommandField.CEchoRequest)
        .AddOrUpdate(MessageIdTag, DicomVR.US, messageId)
        .AddOrUpdate(CommandDataSetTypeTag, DicomVR.US, NoDataSet));

    /// <summary>Builds a C-STORE-RQ; the data set follows it.</summary>
    public static DimseCommand StoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid) => new(new DicomDataset()
        .AddOrUpdate(AffectedSopClassUidTag, DicomVR.UI, sopClassUid)
        .AddOrUpdate(CommandFieldTag, DicomVR.US, (ushort)DimseCommandField.CStoreRequest)
        .AddOrUpdate(MessageIdTag, DicomVR.US, messageId)
        .AddOrUpdate(PriorityTag, DicomVR.US, (ushort)0)
        .AddOrUpdate(CommandDataSetTypeTag, DicomVR.US, (ushort)0x0000)
        .AddOrUpdate(AffectedSopInstanceUidTag, DicomVR.UI, sopInstanceUid));

    /// <summary>
    /// Builds the response to <paramref name="request"/>: same SOP class and instance, the status and, when
    /// given, an Error Comment (at most 64 characters, PS3.7 C.4.1.3) and the offending element.
    /// </summary>
    public static DimseCommand Response(DimseCommand request, DimseStatus status, string? errorComment = null, DicomTag? offendingElement = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var field = request.CommandField switch
        {
            DimseCommandField.CStoreRequest => DimseCommandField.CStoreResponse,
            DimseCommandField.CEchoRequest => DimseCommandField.CEchoResponse,
            var other => (DimseCommandField)((ushort)other | 0x8000),
        };
        var dataset = new DicomDataset();
        EchoElement(request.Dataset, dataset, AffectedSopClassUidTag);
        dataset.AddOrUpdate(CommandFieldTag, DicomVR.US, (ushort)field)
            .AddOrUpdate(MessageIdBeingRespondedToTag, DicomVR.US, request.MessageId)
            .AddOrUpdate(CommandDataSetTypeTag, DicomVR.US, NoDataSet)
            .AddOrUpdate(StatusTag, DicomVR.US, status.Code);
        EchoElement(request.Dataset, dataset, AffectedSopInstanceUidTag);

        if (!string.IsNullOrEmpty(errorComment))
        {
            dataset.AddOrUpdate(ErrorCommentTag, DicomVR.LO, Truncate(errorComment, 64));
        }

        if (offendingElement is { } offending)
        {
            dataset.AddOrUpdate(OffendingElementTag, offending);
        }

        return new DimseCommand(dataset);
    }

    /// <summary>Encodes the command set in Implicit VR Little Endian with its group length.</summary>
    public byte[] Encode()
    {
        Dataset.Remove(GroupLength);
        using var body = new MemoryStream();
        DicomFileWriter.WriteBody(Dataset, TransferSyntax.ImplicitVRLittleEndian, body, DicomWriterOptions.Default);
        using var output = new MemoryStream((int)body.Length + 12);
        DicomFileWriter.WriteBody(
            new DicomDataset().AddOrUpdate(GroupLength, DicomVR.UL, (uint)body.Length),
            TransferSyntax.ImplicitVRLittleEndian,
            output,
            DicomWriterOptions.Default);
        body.Position = 0;
        body.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Decodes a command set received in command PDVs.</summary>
    /// <exception cref="DicomFormatException">The bytes are not a command set.</exception>
    public static DimseCommand Decode(ReadOnlyMemory<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        var dataset = DicomFile.ReadDataset(stream, TransferSyntax.ImplicitVRLittleEndian);
        if (!dataset.Contains(CommandFieldTag))
        {
            throw new DicomFormatException("The command set has no Command Field (0000,0100)");
        }

        return new DimseCommand(dataset);
    }

    /// <summary>
    /// Copies a request element into the response byte for byte. The requestor matches the response on the values it
    /// sent (PS3.7 §9.3.1.2), and a peer's UID with a byte outside the default repertoire could not be encoded again as text.
    /// </summary>
    private static void EchoElement(DicomDataset request, DicomDataset response, DicomTag tag)
    {
        if (request[tag] is DicomElement { Length: > 0 } element)
        {
            response.AddOrUpdate(new DicomElement(tag, element.VR, element.Data.ReadAll()));
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
