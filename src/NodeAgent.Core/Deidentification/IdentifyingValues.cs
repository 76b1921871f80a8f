using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The identifying values of one data set, collected before any is removed, for the Clean Descriptors Option
/// (PS3.15 E.3.5): every person name anywhere in it (patient, physicians, operators, observers), the patient's and
/// the visit's identifiers, the birth date, and the institution. A descriptor token that matches one is removed.
/// </summary>
internal sealed class IdentifyingValues
{
    // Identifiers: matched as whole values, and by their parts of 3 characters or more that hold a digit (the
    // distinctive part of "MRN-004217" is 004217, not MRN).
    private static readonly HashSet<DicomTag> IdentifierTags =
    [
        DicomTags.PatientID, DicomTags.OtherPatientIDs, DicomTags.IssuerOfPatientID, DicomTags.PatientBirthDate,
        DicomTags.AccessionNumber, DicomTags.StudyID, DicomTags.AdmissionID, DicomTags.ServiceEpisodeID,
        DicomTags.RequestedProcedureID, DicomTags.ScheduledProcedureStepID, DicomTags.PerformedProcedureStepID,
        DicomTags.PlacerOrderNumberImagingServiceRequest, DicomTags.FillerOrderNumberImagingServiceRequest,
        DicomTags.MedicalRecordLocator, DicomTags.ClinicalTrialSubjectID, DicomTags.ClinicalTrialSubjectReadingID,
        DicomTags.PatientTelephoneNumbers,
    ];

    // Names of places and organisations: matched as whole phrases only, since their single words ("General",
    // "Hospital", "Street") are ordinary words of descriptors too.
    private static readonly HashSet<DicomTag> PhraseTags =
    [
        DicomTags.InstitutionName, DicomTags.InstitutionAddress, DicomTags.InstitutionalDepartmentName,
        DicomTags.PatientAddress, DicomTags.ReferringPhysicianAddress,
    ];

    private IdentifyingValues()
    {
    }

    /// <summary>Words and identifiers, matched against whole tokens, case-insensitively.</summary>
    public HashSet<string> Words { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Multi-word values, matched as phrases on word boundaries, case-insensitively.</summary>
    public HashSet<string> Phrases { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Name parts in scripts written without spaces between words (Chinese, Japanese), matched anywhere in the
    /// text, since tokens cannot separate them.
    /// </summary>
    public HashSet<string> Fragments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Collects the values from the data set and every nested item.</summary>
    public static IdentifyingValues Collect(DicomDataset dataset)
    {
        var values = new IdentifyingValues();
        values.Visit(dataset, depth: 0);
        return values;
    }

    private void Visit(DicomDataset dataset, int depth)
    {
        foreach (var item in dataset)
        {
            if (item is DicomSequence sequence)
            {
                // Deeper than any real data set; a crafted one cannot make the collection recurse without bound.
                if (depth < DeidentificationRun.MaximumDepth)
                {
                    foreach (var child in sequence.Items)
                    {
                        Visit(child, depth + 1);
                    }
                }

                continue;
            }

            if (item is not DicomElement element || element.Tag.IsPrivate || !element.VR.IsString)
            {
                continue;
            }

            if (element.VR == DicomVR.PN)
            {
                AddNames(dataset.GetStrings(element.Tag));
            }
            else if (IdentifierTags.Contains(element.Tag))
            {
                foreach (var value in dataset.GetStrings(element.Tag))
                {
                    AddIdentifier(value);
                }
            }
            else if (PhraseTags.Contains(element.Tag))
            {
                foreach (var value in dataset.GetStrings(element.Tag))
                {
                    AddPhrase(value.Trim());
                }
            }
        }
    }

    // PS3.5 §6.2.1: up to three component groups (alphabetic, ideographic, phonetic) separated by '=', each of
    // family^given^middle^prefix^suffix. Prefixes and suffixes (Dr, Mrs, Jr) identify no one and are common words.
    private void AddNames(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            foreach (var group in value.Split('='))
            {
                var components = group.Split('^');
                for (var i = 0; i < Math.Min(3, components.Length); i++)
                {
                    var component = components[i].Trim();
                    AddPhrase(component);
                    foreach (var word in DescriptorCleaner.SplitWords(component))
                    {
                        if (word.Length >= 2)
                        {
                            AddWord(word);
                        }
                    }
                }
            }
        }
    }

    private void AddIdentifier(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length >= 2)
        {
            AddWord(trimmed);
            AddPhrase(trimmed);
        }

        foreach (var part in DescriptorCleaner.SplitWords(trimmed))
        {
            if (part.Length >= 3 && part.Any(char.IsDigit))
            {
                AddWord(part);
            }
        }
    }

    private void AddWord(string word)
    {
        Words.Add(word);
        if (DescriptorCleaner.IsWrittenWithoutSpaces(word))
        {
            Fragments.Add(word);
        }
    }

    private void AddPhrase(string phrase)
    {
        if (phrase.Length >= 3 && phrase.Any(char.IsLetterOrDigit))
        {
            Phrases.Add(phrase);
        }
    }
}
