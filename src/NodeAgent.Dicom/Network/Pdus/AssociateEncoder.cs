namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Encodes A-ASSOCIATE-RQ and -AC (PS3.8 §9.3.2, §9.3.3), items in increasing order of item type (PS3.8 §9.3).</summary>
internal static class AssociateEncoder
{
    public static void Write(ref PduSpanWriter writer, AssociateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.PresentationContexts);
        var lengthAt = WriteFixedFields(ref writer, request);
        foreach (var context in request.PresentationContexts)
        {
            WriteProposedContext(ref writer, context);
        }

        UserInformationEncoder.Write(ref writer, request.UserInformation, isRequest: true);
        writer.EndPdu(lengthAt);
    }

    public static void Write(ref PduSpanWriter writer, AssociateAccept accept)
    {
        ArgumentNullException.ThrowIfNull(accept.PresentationContexts);
        var lengthAt = WriteFixedFields(ref writer, accept);
        foreach (var result in accept.PresentationContexts)
        {
            WriteContextResult(ref writer, result);
        }

        UserInformationEncoder.Write(ref writer, accept.UserInformation, isRequest: false);
        writer.EndPdu(lengthAt);
    }

    /// <summary>Writes the header, the fixed fields of PS3.8 Table 9-11 / 9-17 and the Application Context item.</summary>
    private static int WriteFixedFields(ref PduSpanWriter writer, AssociatePdu pdu)
    {
        PduText.CheckAeTitle(pdu.CalledAE, "called AE title");
        PduText.CheckAeTitle(pdu.CallingAE, "calling AE title");
        PduText.CheckUid(pdu.ApplicationContextName, "application context name");
        ArgumentNullException.ThrowIfNull(pdu.UserInformation);

        var lengthAt = writer.BeginPdu(pdu.Type);
        writer.WriteUInt16(pdu.ProtocolVersion);
        writer.WriteZeros(2);
        writer.WritePadded(pdu.CalledAE, AeTitle.MaxLength);
        writer.WritePadded(pdu.CallingAE, AeTitle.MaxLength);
        writer.WriteZeros(32);
        WriteTextItem(ref writer, ItemType.ApplicationContext, pdu.ApplicationContextName);
        return lengthAt;
    }

    private static void WriteProposedContext(ref PduSpanWriter writer, PresentationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ContextId.Check(context.Id, nameof(context));
        PduText.CheckUid(context.AbstractSyntax, $"abstract syntax of presentation context {context.Id}");
        ArgumentNullException.ThrowIfNull(context.TransferSyntaxes);
        if (context.TransferSyntaxes.Count == 0)
        {
            throw new ArgumentException($"Presentation context {context.Id} proposes no transfer syntax; PS3.8 §9.3.2.2 requires one or more.");
        }

        var lengthAt = writer.BeginItem(ItemType.PresentationContextRequest);
        writer.WriteByte(context.Id);
        writer.WriteZeros(3);
        WriteTextItem(ref writer, ItemType.AbstractSyntax, context.AbstractSyntax);
        foreach (var transferSyntax in context.TransferSyntaxes)
        {
            PduText.CheckUid(transferSyntax, $"transfer syntax of presentation context {context.Id}");
            WriteTextItem(ref writer, ItemType.TransferSyntax, transferSyntax);
        }

        writer.EndItem(lengthAt, $"presentation context {context.Id}");
    }

    private static void WriteContextResult(ref PduSpanWriter writer, PresentationContextResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ContextId.Check(result.Id, nameof(result));

        // The transfer syntax of a rejected context is not significant (PS3.8 Table 9-18); the sub-item is still sent.
        PduText.CheckUid(result.TransferSyntax, $"transfer syntax of presentation context {result.Id}", allowEmpty: !result.IsAccepted);
        var lengthAt = writer.BeginItem(ItemType.PresentationContextAccept);
        writer.WriteByte(result.Id);
        writer.WriteByte(0);
        writer.WriteByte((byte)result.Result);
        writer.WriteByte(0);
        WriteTextItem(ref writer, ItemType.TransferSyntax, result.TransferSyntax);
        writer.EndItem(lengthAt, $"presentation context {result.Id}");
    }

    /// <summary>An item whose whole value is one checked ASCII string (application context, syntaxes, UIDs, names).</summary>
    internal static void WriteTextItem(ref PduSpanWriter writer, byte itemType, string value)
    {
        var lengthAt = writer.BeginItem(itemType);
        writer.WriteAscii(value);
        writer.EndItem(lengthAt, ItemType.Name(itemType));
    }
}
