using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>The value actions: pseudonyms, empty and dummy values, UIDs, cleaning.</summary>
internal sealed partial class DeidentificationRun
{
    // UIDs under the DICOM root name SOP classes, transfer syntaxes, coding schemes and well-known frames of
    // reference (PS3.6 Annex A); they identify no one and must keep their meaning.
    private const string DicomRoot = "1.2.840.10008.";

    // Patient ID (Z/D, resolved to D) and Patient's Name (Z) get the patient's pseudonym rather than a dummy or
    // nothing, so a pseudonymised study still names its (pseudonymous) patient. A Patient ID in a sequence item gets
    // its own pseudonym, and a Patient's Name beside it the same one.
    private bool TryPseudonymise(DicomDataset dataset, DicomItem item, DicomVR vr)
    {
        if (item is not DicomElement || !((item.Tag == DicomTags.PatientID && vr == DicomVR.LO) || (item.Tag == DicomTags.PatientName && vr == DicomVR.PN)))
        {
            return false;
        }

        string pseudonym;
        if (ReferenceEquals(dataset, _root))
        {
            pseudonym = _pseudonym;
        }
        else
        {
            var patientId = dataset.GetString(DicomTags.PatientID);
            if (patientId is null)
            {
                return false;
            }

            pseudonym = pseudonyms.PatientPseudonym(dataset.GetString(DicomTags.IssuerOfPatientID) ?? _issuer, patientId);
        }

        dataset.AddOrUpdate(item.Tag, vr, pseudonym);
        return true;
    }

    // An element of VR UN becomes an empty value of its dictionary VR.
    private static void Empty(DicomDataset dataset, DicomItem item, DicomVR vr) =>
        dataset.AddOrUpdate(item is DicomSequence
            ? new DicomSequence(item.Tag)
            : new DicomElement(item.Tag, vr, ReadOnlyMemory<byte>.Empty));

    private void Dummy(DicomDataset dataset, DicomItem item, DicomVR vr, int depth)
    {
        if (item is DicomSequence sequence)
        {
            // D on a sequence (PS3.15 Table E.1-1a: "a non-zero length value ... consistent with the VR"; X/Z/D and
            // X/D resolve to it because one table cannot know where the IOD makes the sequence Type 1). The value of
            // an SQ is its items, and an item is only consistent with the sequence's definition if it keeps the
            // Type 1 attributes that definition requires (PS3.5 7.4.6: the Types inside an item apply to each item
            // present): one empty item, as this once did, breaks e.g. the SOP Instance Reference Macro of Referenced
            // Performed Procedure Step Sequence (Referenced SOP Class/Instance UID are Type 1). So the items stay,
            // the profile is applied to them as to any item (E.3.1: the actions apply within sequences too), and in
            // them whatever the table does not list is dummied as well: text becomes a dummy, UIDs are replaced
            // (those under the DICOM root, SOP classes and coding schemes, are kept), coded strings and numbers stay.
            // So nothing of the original text survives (an SR Text Value, a person's identification code), as D
            // requires, while the structure stays valid. A sequence without items keeps none: there is nothing to
            // hide, and an invented empty item would itself lack the Type 1 attributes.
            WalkItems(sequence, UnlistedValues.Dummy, depth);
        }
        else if (vr == DicomVR.UI && item is DicomElement uids)
        {
            ReplaceUids(dataset, uids, dummyWhenEmpty: true);
        }
        else if (DummyValues.TextFor(vr) is { } text)
        {
            dataset.AddOrUpdate(item.Tag, vr, text);
        }
        else
        {
            dataset.AddOrUpdate(new DicomElement(item.Tag, vr, DummyValues.BytesFor(vr)));
        }
    }

    private void ReplaceUids(DicomDataset dataset, DicomElement element, bool dummyWhenEmpty)
    {
        Typed(dataset, element, DicomVR.UI);
        var values = dataset.GetStrings(element.Tag);
        if (values.Count == 0)
        {
            if (dummyWhenEmpty)
            {
                dataset.AddOrUpdate(element.Tag, DicomVR.UI, pseudonyms.Uid(element.Tag.ToString()));
            }

            return;
        }

        var replaced = new string[values.Count];
        for (var i = 0; i < replaced.Length; i++)
        {
            var value = values[i];
            replaced[i] = value.Length == 0 || value.StartsWith(DicomRoot, StringComparison.Ordinal) ? value : pseudonyms.Uid(value);
        }

        dataset.AddOrUpdate(element.Tag, DicomVR.UI, replaced);
    }

    // False when the value cannot be cleaned (a binary value, a bitmap): the rule's fallback applies instead.
    private bool TryClean(DicomDataset dataset, DicomItem item, DicomVR vr, AttributeRule rule, UnlistedValues unlisted, int depth)
    {
        if (item is DicomSequence sequence)
        {
            // Every Clean of a sequence (descriptor code sequences, structured content, graphic annotations) keeps
            // the items, applies the profile to them and cleans the free text that the table does not list; inside a
            // sequence whose action is D, that text is dummied instead (the stronger action wins).
            WalkItems(sequence, unlisted == UnlistedValues.Dummy ? UnlistedValues.Dummy : UnlistedValues.Clean, depth);
            return true;
        }

        if (item is not DicomElement element || !vr.IsString)
        {
            return false;
        }

        switch (rule.Option)
        {
            case ProfileOption.RetainLongitudinalModifiedDates:
                return TryCleanTemporal(dataset, element, vr);
            case ProfileOption.RetainDeviceIdentity:
                return vr == DicomVR.AE && MapValues(dataset, element, vr, pseudonyms.ApplicationEntityTitle);
            case ProfileOption.CleanDescriptors or ProfileOption.RetainPatientCharacteristics
                or ProfileOption.CleanStructuredContent or ProfileOption.CleanGraphics:
                return vr != DicomVR.UI && CleanText(dataset, element, vr, rule.Fallback);
            case null:
                // A site override's Clean: what cleaning means follows from the VR.
                return vr.Code switch
                {
                    "DA" or "DT" or "TM" => TryCleanTemporal(dataset, element, vr),
                    "AE" => MapValues(dataset, element, vr, pseudonyms.ApplicationEntityTitle),
                    "UI" => MapValues(dataset, element, vr, pseudonyms.Uid),
                    _ => CleanText(dataset, element, vr, rule.Fallback),
                };
            default:
                return false;
        }
    }

    // Modified dates (PS3.15 E.3.6): DA and DT move by the patient's shift; TM is kept when it is a valid time, and
    // so is a UTC offset; anything else that is not a valid value of its VR cannot be kept.
    private bool TryCleanTemporal(DicomDataset dataset, DicomElement element, DicomVR vr)
    {
        var days = _shiftDays;
        return vr.Code switch
        {
            "DA" => MapValues(dataset, element, vr, value => TemporalValues.TryShiftDate(value, days, out var shifted) ? shifted : throw Malformed(element)),
            "DT" => MapValues(dataset, element, vr, value => TemporalValues.TryShiftDateTime(value, days, out var shifted) ? shifted : throw Malformed(element)),
            "TM" => dataset.GetStrings(Typed(dataset, element, vr).Tag).All(value => value.Length == 0 || TemporalValues.IsTime(value))
                ? true
                : throw Malformed(element),
            _ => dataset.GetStrings(element.Tag).All(TemporalValues.IsUtcOffset),
        };
    }

    private static bool MapValues(DicomDataset dataset, DicomElement element, DicomVR vr, Func<string, string> map)
    {
        Typed(dataset, element, vr);
        var values = dataset.GetStrings(element.Tag);
        if (values.Count > 0)
        {
            dataset.AddOrUpdate(element.Tag, vr, values.Select(value => value.Length == 0 ? value : map(value)).ToArray());
        }

        return true;
    }

    private bool CleanText(DicomDataset dataset, DicomElement element, DicomVR vr, DeidentificationAction whenNothingLeft)
    {
        if (_cleaner is null || !vr.IsString)
        {
            return false;
        }

        Typed(dataset, element, vr);
        var values = vr.IsMultiValueText ? dataset.GetStrings(element.Tag) : [dataset.GetString(element.Tag) ?? string.Empty];
        var cleaned = values.Select(_cleaner.Clean).ToArray();
        if (cleaned.All(value => value.Length == 0) && values.Any(value => value.Length > 0) && whenNothingLeft == DeidentificationAction.Dummy)
        {
            // Nothing was left of a value the Basic Profile would have replaced by a dummy (a Type 1 attribute).
            dataset.AddOrUpdate(element.Tag, vr, DummyValues.TextFor(vr) ?? DummyValues.Text);
        }
        else if (values.Count > 0)
        {
            dataset.AddOrUpdate(element.Tag, vr, cleaned);
        }

        return true;
    }

    private static FormatException Malformed(DicomElement element) =>
        new($"{element.Tag} does not hold a valid {element.VR} value.");

    // PS3.15 E.3.10: with Retain Safe Private, private attributes of Table E.3.10-1 are kept, found by their block's
    // creator, and so are the creators of the blocks that keep one; every other private attribute is removed.
    private void WalkPrivate(DicomDataset dataset, List<DicomItem> items, UnlistedValues unlisted, int depth)
    {
        var action = profile.PrivateAttributes.Action;
        var creators = new Dictionary<DicomTag, string?>();
        var keptBlocks = new HashSet<DicomTag>();
        var removed = new HashSet<DicomTag>();
        foreach (var item in items)
        {
            var tag = item.Tag;
            if (tag.IsPrivateCreator)
            {
                continue;
            }

            var creatorTag = tag.PrivateCreatorTag;
            var keep = action == DeidentificationAction.Keep
                || (action == DeidentificationAction.Clean && creatorTag is { } block && IsSafe(item, Creator(block)));
            if (keep)
            {
                if (creatorTag is { } kept)
                {
                    keptBlocks.Add(kept);
                }

                if (item is DicomSequence sequence)
                {
                    WalkItems(sequence, unlisted, depth);
                }

                _counts.PrivateKept++;
            }
            else
            {
                removed.Add(tag);
            }
        }

        foreach (var item in items)
        {
            if (item.Tag.IsPrivateCreator && !keptBlocks.Contains(item.Tag))
            {
                removed.Add(item.Tag);
            }
            else if (item.Tag.IsPrivateCreator)
            {
                _counts.PrivateKept++;
            }
        }

        _counts.PrivateRemoved += dataset.RemoveAll(item => removed.Contains(item.Tag));

        string? Creator(DicomTag block)
        {
            if (!creators.TryGetValue(block, out var creator))
            {
                creator = dataset.GetString(block);
                creators.Add(block, creator);
            }

            return creator;
        }
    }

    private static bool IsSafe(DicomItem item, string? creator)
    {
        var tag = item.Tag;
        if (!SafePrivateAttributes.TryGetValueRepresentation(tag.Group, creator, (byte)tag.Element, out var vr))
        {
            return false;
        }

        // A safe sequence the reader could not parse (bytes of VR UN) cannot have its items de-identified.
        return vr != "SQ" || item is DicomSequence;
    }
}
