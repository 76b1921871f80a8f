using NodeAgent.Dicom;
using NodeAgent.Dicom.Dictionary;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// One application of the profile to one data set, in place: the patient's pseudonym, date shift and identifying
/// values are taken from the original first, then every item of every sequence is walked and each element gets the
/// action its rule gives. A value that its action cannot process (a malformed date to shift, text that does not decode)
/// gets the row's Basic Profile action instead, so a Type 2 attribute stays present; only where that fails too is the
/// element removed. Both are counted as unprocessable, never thrown about.
/// </summary>
internal sealed partial class DeidentificationRun(ConfidentialityProfile profile, Pseudonyms pseudonyms, DeidentificationMarkers markers)
{
    /// <summary>Sequence nesting deeper than this is not walked but emptied; real data sets nest a few levels.</summary>
    internal const int MaximumDepth = 64;

    private readonly ActionCounts _counts = new();
    private DicomDataset _root = null!;
    private string _issuer = string.Empty;
    private string _pseudonym = string.Empty;
    private int _shiftDays;
    private DescriptorCleaner? _cleaner;

    // What happens to the attributes Table E.1-1 does not list, inside the items being walked.
    private enum UnlistedValues
    {
        // Kept (the Basic Profile keeps what the table does not list).
        Keep,

        // Free text cleaned: inside a sequence kept by a Clean option.
        Clean,

        // Text replaced by dummies and UIDs replaced: inside a sequence whose action is D (see Dummy).
        Dummy,
    }

    public DeidentificationResult Run(DicomDataset dataset)
    {
        _root = dataset;
        Prepare(dataset);
        Walk(dataset, UnlistedValues.Keep, depth: 0);
        markers.AddTo(dataset);
        return _counts.ToResult(_pseudonym);
    }

    // Everything that needs original values, before any is changed.
    private void Prepare(DicomDataset dataset)
    {
        _issuer = dataset.GetString(DicomTags.IssuerOfPatientID) ?? string.Empty;
        var patientId = dataset.GetString(DicomTags.PatientID) ?? string.Empty;
        if (patientId.Trim().Length > 0)
        {
            _pseudonym = pseudonyms.PatientPseudonym(_issuer, patientId);
            _shiftDays = pseudonyms.DateShiftDays(_issuer, patientId);
        }
        else
        {
            (_pseudonym, _shiftDays) = pseudonyms.ForPatientWithoutId(dataset.GetString(DicomTags.StudyInstanceUID) ?? string.Empty);
        }

        if (profile.Find(DicomTags.PatientAge)?.Action == DeidentificationAction.Keep
            && !PatientAge.IsValid(dataset.GetString(DicomTags.PatientAge))
            && PatientAge.FromDataset(dataset) is { } age)
        {
            dataset.AddOrUpdate(DicomTags.PatientAge, DicomVR.AS, age);
        }

        if (NeedsCleaner(profile.Options))
        {
            _cleaner = new DescriptorCleaner(IdentifyingValues.Collect(dataset));
        }
    }

    private static bool NeedsCleaner(DeidentificationOptions options) =>
        options.CleanDescriptors || options.RetainPatientCharacteristics || options.CleanStructuredContent
        || options.CleanGraphics || options.Overrides.Any(o => o.Action == DeidentificationAction.Clean);

    private void Walk(DicomDataset dataset, UnlistedValues unlisted, int depth)
    {
        if (depth > MaximumDepth)
        {
            _counts.Unprocessable += dataset.Count;
            dataset.Clear();
            return;
        }

        List<DicomItem>? privateItems = null;
        HashSet<ushort>? overlayGroups = null;
        foreach (var item in dataset.ToArray())
        {
            if (item.Tag.IsPrivate)
            {
                (privateItems ??= []).Add(item);
                continue;
            }

            try
            {
                if (ApplyStandard(dataset, item, unlisted, depth) && IsOverlayData(item.Tag))
                {
                    (overlayGroups ??= []).Add(item.Tag.Group);
                }
            }
            catch (Exception exception) when (IsValueFault(exception))
            {
                // Neither the rule's action nor its Basic Profile fallback could process the value (or the attribute
                // has no rule): nothing of it can be kept.
                dataset.Remove(item.Tag);
                _counts.Unprocessable++;
            }
        }

        if (privateItems is not null)
        {
            WalkPrivate(dataset, privateItems, unlisted, depth);
        }

        if (overlayGroups is not null)
        {
            // An overlay plane without its Overlay Data (Type 1, PS3.3 C.9.2) is not valid: with the data gone, the
            // plane's other attributes (rows, columns, origin, description, label) go too.
            _counts.Add(DeidentificationAction.Remove, dataset.RemoveAll(i => !i.Tag.IsPrivate && overlayGroups.Contains(i.Tag.Group)));
        }

        RemoveUnconditionedEthicsCommitteeName(dataset);
    }

    private void WalkItems(DicomSequence sequence, UnlistedValues unlisted, int depth)
    {
        foreach (var item in sequence.Items)
        {
            Walk(item, unlisted, depth + 1);
        }
    }

    // Returns true when the element was removed.
    private bool ApplyStandard(DicomDataset dataset, DicomItem item, UnlistedValues unlisted, int depth)
    {
        var tag = item.Tag;
        if (tag.IsGroupLength)
        {
            // Group lengths are retired (PS3.5 §7.2) and wrong once values change.
            dataset.Remove(tag);
            _counts.UnknownRemoved++;
            return true;
        }

        var vr = EffectiveVR(item);
        if (item is DicomElement && vr == DicomVR.SQ)
        {
            // A sequence the reader could not parse (bytes of VR UN): its items cannot be de-identified.
            dataset.Remove(tag);
            _counts.Unprocessable++;
            return true;
        }

        var rule = profile.Find(tag, vr);
        if (rule is not null)
        {
            return Apply(dataset, item, vr, rule, rule.Action, unlisted, depth);
        }

        if (tag != DicomTags.SpecificCharacterSet && DicomDictionary.Find(tag) is null)
        {
            // An attribute no dictionary knows (an even-group tag from a newer edition or a broken writer, or one of
            // the odd groups PS3.5 §7.8.1 leaves unused) may hold anything: not kept.
            dataset.Remove(tag);
            _counts.UnknownRemoved++;
            return true;
        }

        if (item is DicomSequence sequence)
        {
            WalkItems(sequence, unlisted, depth);
        }
        else if (unlisted == UnlistedValues.Dummy && item is DicomElement unlistedValue && DummiesUnlisted(vr))
        {
            // Inside a sequence whose action is D, nothing the table does not list keeps its original text or UID.
            if (vr == DicomVR.UI)
            {
                ReplaceUids(dataset, unlistedValue, dummyWhenEmpty: false);
                _counts.Add(DeidentificationAction.ReplaceUid);
            }
            else
            {
                Dummy(dataset, unlistedValue, vr, depth);
                _counts.Add(DeidentificationAction.Dummy);
            }
        }
        else if (unlisted == UnlistedValues.Clean && item is DicomElement element && IsFreeText(tag, vr))
        {
            // Inside a sequence kept by a Clean option, free text the table does not list is cleaned too; text that
            // cannot be cleaned is not kept.
            if (CleanText(dataset, element, vr, DeidentificationAction.Empty))
            {
                _counts.Add(DeidentificationAction.Clean);
            }
            else
            {
                dataset.Remove(tag);
                _counts.Add(DeidentificationAction.Remove);
                return true;
            }
        }

        return false;
    }

    private bool Apply(
        DicomDataset dataset, DicomItem item, DicomVR vr, AttributeRule rule, DeidentificationAction action, UnlistedValues unlisted, int depth)
    {
        var basic = rule.Fallback == DeidentificationAction.Clean ? DeidentificationAction.Remove : rule.Fallback;
        try
        {
            return ApplyAction(dataset, item, vr, rule, action, unlisted, depth);
        }
        catch (Exception exception) when (IsValueFault(exception) && item is DicomElement && action != basic)
        {
            // The value cannot take the chosen action (a malformed date under Retain Longitudinal Modified Dates,
            // text that does not decode): the row's Basic Profile action applies instead, as where a value cannot
            // be cleaned. Removing it would drop a Type 2 attribute such as Study Date that the Basic Profile
            // empties (Z). Counted once as unprocessable; if the Basic Profile action fails too, the element goes.
            _counts.Unprocessable++;
            try
            {
                return ApplyAction(dataset, item, vr, rule, basic, unlisted, depth);
            }
            catch (Exception again) when (IsValueFault(again))
            {
                dataset.Remove(item.Tag);
                return true;
            }
        }
    }

    private bool ApplyAction(
        DicomDataset dataset, DicomItem item, DicomVR vr, AttributeRule rule, DeidentificationAction action, UnlistedValues unlisted, int depth)
    {
        switch (action)
        {
            case DeidentificationAction.Keep:
                if (item is DicomSequence kept)
                {
                    WalkItems(kept, unlisted, depth);
                }

                break;
            case DeidentificationAction.Remove:
                dataset.Remove(item.Tag);
                _counts.Add(action);
                return true;
            case DeidentificationAction.Empty:
                if (!TryPseudonymise(dataset, item, vr))
                {
                    Empty(dataset, item, vr);
                }

                break;
            case DeidentificationAction.Dummy:
                if (!TryPseudonymise(dataset, item, vr))
                {
                    Dummy(dataset, item, vr, depth);
                }

                break;
            case DeidentificationAction.ReplaceUid:
                if (item is DicomSequence references)
                {
                    // X/Z/U*: the sequence stays, and the UIDs it holds are replaced by their own rows.
                    WalkItems(references, unlisted, depth);
                }
                else if (vr == DicomVR.UI && item is DicomElement uids)
                {
                    ReplaceUids(dataset, uids, dummyWhenEmpty: false);
                }
                else
                {
                    throw new FormatException($"{item.Tag} holds no UID.");
                }

                break;
            case DeidentificationAction.Clean:
                if (!TryClean(dataset, item, vr, rule, unlisted, depth))
                {
                    var fallback = rule.Fallback == DeidentificationAction.Clean ? DeidentificationAction.Remove : rule.Fallback;
                    return ApplyAction(dataset, item, vr, rule, fallback, unlisted, depth);
                }

                break;
        }

        _counts.Add(action);
        return false;
    }
}
