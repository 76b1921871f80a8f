namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Decodes the bodies of A-ASSOCIATE-RQ and -AC (PS3.8 §9.3.2, §9.3.3). The framing is checked strictly; the values
/// (application context, syntaxes, protocol version) are returned as sent, for the association layer to accept or reject.
/// Items of unrecognized types are skipped (PS3.8 §9.3); a defined item in the wrong place, or a second one where only
/// one is allowed, is an unexpected PDU parameter.
/// </summary>
internal static class AssociateDecoder
{
    /// <summary>Protocol-version (2), reserved (2), called AE (16), calling AE (16), reserved (32): PS3.8 Tables 9-11 and 9-17.</summary>
    public const int FixedFieldsLength = 68;

    private static readonly UserInformation Absent = new() { MaximumLength = 0, ImplementationClassUid = "", ImplementationVersionName = null };

    public static AssociateRequest DecodeRequest(ReadOnlySpan<byte> body, PduHeader header)
    {
        var reader = new PduSpanReader(body, header);
        var (version, called, calling) = ReadFixedFields(ref reader);
        string? applicationContext = null;
        UserInformation? userInformation = null;
        var contexts = new List<PresentationContext>();
        while (!reader.IsEmpty)
        {
            var item = reader.ReadItem(out var type);
            switch (type)
            {
                case ItemType.ApplicationContext:
                    applicationContext = ReadApplicationContext(ref item, applicationContext);
                    break;
                case ItemType.PresentationContextRequest:
                    contexts.Add(ReadProposedContext(ref item));
                    break;
                case ItemType.UserInformation:
                    userInformation = ReadUserInformation(ref item, userInformation, isRequest: true);
                    break;
                default:
                    SkipUnrecognized(in item, type, "an A-ASSOCIATE-RQ");
                    break;
            }
        }

        return new AssociateRequest(called, calling, contexts, userInformation ?? Absent)
        {
            ApplicationContextName = applicationContext ?? "",
            ProtocolVersion = version,
        };
    }

    public static AssociateAccept DecodeAccept(ReadOnlySpan<byte> body, PduHeader header)
    {
        var reader = new PduSpanReader(body, header);
        var (version, called, calling) = ReadFixedFields(ref reader);
        string? applicationContext = null;
        UserInformation? userInformation = null;
        var results = new List<PresentationContextResult>();
        while (!reader.IsEmpty)
        {
            var item = reader.ReadItem(out var type);
            switch (type)
            {
                case ItemType.ApplicationContext:
                    applicationContext = ReadApplicationContext(ref item, applicationContext);
                    break;
                case ItemType.PresentationContextAccept:
                    results.Add(ReadContextResult(ref item));
                    break;
                case ItemType.UserInformation:
                    userInformation = ReadUserInformation(ref item, userInformation, isRequest: false);
                    break;
                default:
                    SkipUnrecognized(in item, type, "an A-ASSOCIATE-AC");
                    break;
            }
        }

        return new AssociateAccept(called, calling, results, userInformation ?? Absent)
        {
            ApplicationContextName = applicationContext ?? "",
            ProtocolVersion = version,
        };
    }

    /// <summary>Ignores an item of an unrecognized type (PS3.8 §9.3); throws for a defined one that does not belong here.</summary>
    internal static void SkipUnrecognized(in PduSpanReader item, byte type, string container)
    {
        if (ItemType.IsDefined(type))
        {
            throw item.Unexpected($"The {item.Scope} is not allowed in {container}");
        }
    }

    private static (ushort Version, string Called, string Calling) ReadFixedFields(ref PduSpanReader reader)
    {
        var version = reader.ReadUInt16("Protocol-version");
        reader.Skip(2, "reserved field");
        var called = PduText.Decode(reader.ReadBytes(AeTitle.MaxLength, "Called-AE-title"));
        var calling = PduText.Decode(reader.ReadBytes(AeTitle.MaxLength, "Calling-AE-title"));
        reader.Skip(32, "reserved field");
        return (version, called, calling);
    }

    private static string ReadApplicationContext(ref PduSpanReader item, string? previous)
    {
        if (previous is not null)
        {
            throw item.Unexpected($"A second {item.Scope}: only one is allowed");
        }

        return PduText.Decode(item.ReadRest());
    }

    private static UserInformation ReadUserInformation(ref PduSpanReader item, UserInformation? previous, bool isRequest)
    {
        if (previous is not null)
        {
            throw item.Unexpected($"A second {item.Scope}: only one is allowed");
        }

        return UserInformationDecoder.Decode(ref item, isRequest);
    }

    private static byte ReadContextId(ref PduSpanReader item)
    {
        var offset = item.Offset;
        var id = item.ReadByte("Presentation-context-ID");
        if (!ContextId.IsValid(id))
        {
            throw item.Invalid($"Presentation-context-ID {id} at offset {offset} (in the {item.Scope}) is not an odd integer between 1 and 255");
        }

        return id;
    }

    private static PresentationContext ReadProposedContext(ref PduSpanReader item)
    {
        var id = ReadContextId(ref item);
        item.Skip(3, "reserved fields");
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>(2);
        while (!item.IsEmpty)
        {
            var sub = item.ReadItem(out var type);
            switch (type)
            {
                case ItemType.AbstractSyntax when abstractSyntax is not null:
                    throw sub.Unexpected($"A second {sub.Scope} in presentation context {id}: only one is allowed");
                case ItemType.AbstractSyntax:
                    abstractSyntax = PduText.Decode(sub.ReadRest());
                    break;
                case ItemType.TransferSyntax:
                    transferSyntaxes.Add(PduText.Decode(sub.ReadRest()));
                    break;
                default:
                    SkipUnrecognized(in sub, type, "a Presentation Context item (RQ)");
                    break;
            }
        }

        return new PresentationContext(id, abstractSyntax ?? "", transferSyntaxes);
    }

    private static PresentationContextResult ReadContextResult(ref PduSpanReader item)
    {
        var id = ReadContextId(ref item);
        item.Skip(1, "reserved field");
        var result = (PresentationContextResultReason)item.ReadByte("Result/Reason");
        item.Skip(1, "reserved field");
        string? transferSyntax = null;
        while (!item.IsEmpty)
        {
            var sub = item.ReadItem(out var type);
            switch (type)
            {
                case ItemType.TransferSyntax when transferSyntax is not null:
                    throw sub.Unexpected($"A second {sub.Scope} in presentation context {id}: only one is allowed");
                case ItemType.TransferSyntax:
                    transferSyntax = PduText.Decode(sub.ReadRest());
                    break;
                default:
                    SkipUnrecognized(in sub, type, "a Presentation Context item (AC)");
                    break;
            }
        }

        return new PresentationContextResult(id, result, transferSyntax ?? "");
    }
}
