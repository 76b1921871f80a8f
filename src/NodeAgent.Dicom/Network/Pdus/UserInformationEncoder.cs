namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>
/// Encodes the User Information item (PS3.8 §9.3.2.3, PS3.7 Annex D). Sub-items go in increasing order of item type,
/// which some older peers expect (PS3.8 §9.3.2.3, note), followed by any unrecognized items carried over.
/// </summary>
internal static class UserInformationEncoder
{
    public static void Write(ref PduSpanWriter writer, UserInformation info, bool isRequest)
    {
        Check(info, isRequest);
        var lengthAt = writer.BeginItem(ItemType.UserInformation);

        var maximumAt = writer.BeginItem(ItemType.MaximumLength);
        writer.WriteUInt32(info.MaximumLength);
        writer.EndItem(maximumAt, ItemType.Name(ItemType.MaximumLength));

        if (info.ImplementationClassUid.Length > 0)
        {
            AssociateEncoder.WriteTextItem(ref writer, ItemType.ImplementationClassUid, info.ImplementationClassUid);
        }

        if (info.AsynchronousOperationsWindow is { } window)
        {
            var windowAt = writer.BeginItem(ItemType.AsynchronousOperationsWindow);
            writer.WriteUInt16(window.MaxOperationsInvoked);
            writer.WriteUInt16(window.MaxOperationsPerformed);
            writer.EndItem(windowAt, ItemType.Name(ItemType.AsynchronousOperationsWindow));
        }

        foreach (var role in info.RoleSelections)
        {
            var roleAt = writer.BeginItem(ItemType.RoleSelection);
            writer.WriteLengthPrefixed(role.SopClassUid);
            writer.WriteByte(role.ScuRole ? (byte)1 : (byte)0);
            writer.WriteByte(role.ScpRole ? (byte)1 : (byte)0);
            writer.EndItem(roleAt, ItemType.Name(ItemType.RoleSelection));
        }

        if (!string.IsNullOrEmpty(info.ImplementationVersionName))
        {
            AssociateEncoder.WriteTextItem(ref writer, ItemType.ImplementationVersionName, info.ImplementationVersionName);
        }

        foreach (var negotiation in info.ExtendedNegotiations)
        {
            var negotiationAt = writer.BeginItem(ItemType.SopClassExtendedNegotiation);
            writer.WriteLengthPrefixed(negotiation.SopClassUid);
            writer.WriteBytes(negotiation.ServiceClassApplicationInformation.Span);
            writer.EndItem(negotiationAt, ItemType.Name(ItemType.SopClassExtendedNegotiation));
        }

        foreach (var negotiation in info.CommonExtendedNegotiations)
        {
            WriteCommonExtended(ref writer, negotiation);
        }

        if (info.UserIdentityRequest is { } identity)
        {
            var identityAt = writer.BeginItem(ItemType.UserIdentityRequest);
            writer.WriteByte((byte)identity.IdentityType);
            writer.WriteByte(identity.PositiveResponseRequested ? (byte)1 : (byte)0);
            writer.WriteLengthPrefixed(identity.PrimaryField.Span, "user identity primary field");
            writer.WriteLengthPrefixed(identity.SecondaryField.Span, "user identity secondary field");
            writer.EndItem(identityAt, ItemType.Name(ItemType.UserIdentityRequest));
        }

        if (info.UserIdentityResponse is { } response)
        {
            var responseAt = writer.BeginItem(ItemType.UserIdentityResponse);
            writer.WriteLengthPrefixed(response.ServerResponse.Span, "user identity server response");
            writer.EndItem(responseAt, ItemType.Name(ItemType.UserIdentityResponse));
        }

        foreach (var item in info.UnrecognizedItems)
        {
            var itemAt = writer.BeginItem(item.ItemType);
            writer.WriteBytes(item.Value.Span);
            writer.EndItem(itemAt, $"unrecognized user information item {item.ItemType:X2}H");
        }

        writer.EndItem(lengthAt, ItemType.Name(ItemType.UserInformation));
    }

    private static void WriteCommonExtended(ref PduSpanWriter writer, SopClassCommonExtendedNegotiation negotiation)
    {
        // The second byte of this sub-item is its Sub-Item-version, 0 (PS3.7 §D.3.3.6).
        var lengthAt = writer.BeginItem(ItemType.SopClassCommonExtendedNegotiation, secondByte: 0);
        writer.WriteLengthPrefixed(negotiation.SopClassUid);
        writer.WriteLengthPrefixed(negotiation.ServiceClassUid);
        var relatedStart = writer.Position;
        writer.WriteUInt16(0);
        var relatedLength = 0;
        foreach (var uid in negotiation.RelatedGeneralSopClassUids)
        {
            writer.WriteLengthPrefixed(uid);
            relatedLength += 2 + uid.Length;
        }

        if (relatedLength > ushort.MaxValue)
        {
            throw new ArgumentException($"The related general SOP classes of {negotiation.SopClassUid} take {relatedLength} bytes; at most {ushort.MaxValue} fit.");
        }

        writer.PatchUInt16(relatedStart, (ushort)relatedLength);
        writer.EndItem(lengthAt, ItemType.Name(ItemType.SopClassCommonExtendedNegotiation));
    }

    /// <summary>Checks what the encoder cannot represent or the standard does not allow, before anything is written.</summary>
    private static void Check(UserInformation info, bool isRequest)
    {
        ArgumentNullException.ThrowIfNull(info);
        PduText.CheckUid(info.ImplementationClassUid, "implementation class UID", allowEmpty: true);
        if (!string.IsNullOrEmpty(info.ImplementationVersionName))
        {
            PduText.CheckVersionName(info.ImplementationVersionName);
        }

        foreach (var role in info.RoleSelections)
        {
            PduText.CheckUid(role.SopClassUid, "SOP class UID of a role selection");
        }

        foreach (var negotiation in info.ExtendedNegotiations)
        {
            PduText.CheckUid(negotiation.SopClassUid, "SOP class UID of an extended negotiation");
        }

        foreach (var negotiation in info.CommonExtendedNegotiations)
        {
            PduText.CheckUid(negotiation.SopClassUid, "SOP class UID of a common extended negotiation");
            PduText.CheckUid(negotiation.ServiceClassUid, "service class UID of a common extended negotiation");
            foreach (var uid in negotiation.RelatedGeneralSopClassUids)
            {
                PduText.CheckUid(uid, "related general SOP class UID");
            }
        }

        if (isRequest ? info.UserIdentityResponse is not null : info.UserIdentityRequest is not null)
        {
            throw new ArgumentException(isRequest
                ? "An A-ASSOCIATE-RQ cannot carry a user identity response (sub-item 59H)."
                : "An A-ASSOCIATE-AC cannot carry a user identity request (sub-item 58H).");
        }

        foreach (var item in info.UnrecognizedItems)
        {
            if (ItemType.IsDefined(item.ItemType))
            {
                throw new ArgumentException($"Item type {item.ItemType:X2}H is defined by the standard; set the matching property instead of an unrecognized item.");
            }
        }
    }
}
