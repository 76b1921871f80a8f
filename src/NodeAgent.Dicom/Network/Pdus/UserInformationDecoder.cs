namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Decodes the sub-items of a User Information item (PS3.8 §9.3.2.3, PS3.7 Annex D), in any order. Fixed-layout sub-items
/// must be exactly as long as their fields; sub-items of unknown types are kept raw (PS3.7 §D.3.3: they are ignored).
/// </summary>
internal static class UserInformationDecoder
{
    public static UserInformation Decode(ref PduSpanReader item, bool isRequest)
    {
        var fields = new Fields();
        while (!item.IsEmpty)
        {
            var sub = item.ReadItem(out var type);
            switch (type)
            {
                case ItemType.MaximumLength:
                    Once(in sub, fields.MaximumLength is not null);
                    fields.MaximumLength = sub.ReadUInt32("Maximum-length-received");
                    break;
                case ItemType.ImplementationClassUid:
                    Once(in sub, fields.ImplementationClassUid is not null);
                    fields.ImplementationClassUid = PduText.Decode(sub.ReadRest());
                    break;
                case ItemType.AsynchronousOperationsWindow:
                    Once(in sub, fields.Window is not null);
                    fields.Window = new AsynchronousOperationsWindow(
                        sub.ReadUInt16("Maximum-number-operations-invoked"), sub.ReadUInt16("Maximum-number-operations-performed"));
                    break;
                case ItemType.RoleSelection:
                    fields.Roles.Add(new RoleSelection(
                        PduText.Decode(sub.ReadLengthPrefixed("SOP-class-uid")), sub.ReadByte("SCU-role") != 0, sub.ReadByte("SCP-role") != 0));
                    break;
                case ItemType.ImplementationVersionName:
                    Once(in sub, fields.VersionName is not null);
                    fields.VersionName = PduText.Decode(sub.ReadRest());
                    break;
                case ItemType.SopClassExtendedNegotiation:
                    fields.Extended.Add(new SopClassExtendedNegotiation(
                        PduText.Decode(sub.ReadLengthPrefixed("SOP-class-uid")), sub.ReadRest().ToArray()));
                    break;
                case ItemType.SopClassCommonExtendedNegotiation:
                    fields.CommonExtended.Add(ReadCommonExtended(ref sub));
                    break;
                case ItemType.UserIdentityRequest:
                    Allowed(in sub, isRequest, "an A-ASSOCIATE-AC");
                    Once(in sub, fields.IdentityRequest is not null);
                    fields.IdentityRequest = new UserIdentityRequest(
                        (UserIdentityType)sub.ReadByte("User-Identity-Type"),
                        sub.ReadByte("Positive-response-requested") != 0,
                        sub.ReadLengthPrefixed("Primary-field").ToArray(),
                        sub.ReadLengthPrefixed("Secondary-field").ToArray());
                    break;
                case ItemType.UserIdentityResponse:
                    Allowed(in sub, !isRequest, "an A-ASSOCIATE-RQ");
                    Once(in sub, fields.IdentityResponse is not null);
                    fields.IdentityResponse = new UserIdentityResponse(sub.ReadLengthPrefixed("Server-response").ToArray());
                    break;
                default:
                    AssociateDecoder.SkipUnrecognized(in sub, type, "a User Information item");
                    fields.Unrecognized.Add(new UnrecognizedUserItem(type, sub.ReadRest().ToArray()));
                    break;
            }

            sub.ExpectEnd();
        }

        return fields.ToUserInformation();
    }

    private static SopClassCommonExtendedNegotiation ReadCommonExtended(ref PduSpanReader sub)
    {
        var sopClass = PduText.Decode(sub.ReadLengthPrefixed("SOP-class-uid"));
        var serviceClass = PduText.Decode(sub.ReadLengthPrefixed("Service-class-uid"));
        var relatedLength = sub.ReadUInt16("Related-general-sop-class-identification length");
        var list = sub.ReadScope(relatedLength, "Related-general-sop-class-identification");
        var related = new List<string>();
        while (!list.IsEmpty)
        {
            related.Add(PduText.Decode(list.ReadLengthPrefixed("Related-general-sop-class-uid")));
        }

        return new SopClassCommonExtendedNegotiation(sopClass, serviceClass, related);
    }

    private static void Once(in PduSpanReader sub, bool seen)
    {
        if (seen)
        {
            throw sub.Unexpected($"A second {sub.Scope}: only one is allowed in a User Information item");
        }
    }

    private static void Allowed(in PduSpanReader sub, bool allowed, string container)
    {
        if (!allowed)
        {
            throw sub.Unexpected($"The {sub.Scope} is not allowed in {container}");
        }
    }

    /// <summary>What has been read so far; the single sub-items are null until seen.</summary>
    private sealed class Fields
    {
        public uint? MaximumLength { get; set; }

        public string? ImplementationClassUid { get; set; }

        public string? VersionName { get; set; }

        public AsynchronousOperationsWindow? Window { get; set; }

        public UserIdentityRequest? IdentityRequest { get; set; }

        public UserIdentityResponse? IdentityResponse { get; set; }

        public List<RoleSelection> Roles { get; } = [];

        public List<SopClassExtendedNegotiation> Extended { get; } = [];

        public List<SopClassCommonExtendedNegotiation> CommonExtended { get; } = [];

        public List<UnrecognizedUserItem> Unrecognized { get; } = [];

        public UserInformation ToUserInformation() => new()
        {
            MaximumLength = MaximumLength ?? 0,
            ImplementationClassUid = ImplementationClassUid ?? "",
            ImplementationVersionName = VersionName,
            AsynchronousOperationsWindow = Window,
            RoleSelections = Roles,
            ExtendedNegotiations = Extended,
            CommonExtendedNegotiations = CommonExtended,
            UserIdentityRequest = IdentityRequest,
            UserIdentityResponse = IdentityResponse,
            UnrecognizedItems = Unrecognized,
        };
    }
}
