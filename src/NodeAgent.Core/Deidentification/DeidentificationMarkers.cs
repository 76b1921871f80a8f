using System.Globalization;
using System.Text;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The attributes that say a data set was de-identified and how (PS3.15 E.1.1, PS3.3 C.7.1.1): Patient Identity
/// Removed (0012,0062) YES, De-identification Method (0012,0063), De-identification Method Code Sequence (0012,0064)
/// with the CID 7050 codes of the profile and options applied, and Longitudinal Temporal Information Modified
/// (0028,0303). The values are ASCII, the same bytes in every character set, so they are encoded once.
/// </summary>
internal sealed class DeidentificationMarkers
{
    private readonly DicomElement _identityRemoved;
    private readonly DicomElement _method;
    private readonly DicomElement[][] _codeItems;
    private readonly DicomElement _temporal;

    public DeidentificationMarkers(DeidentificationOptions options)
    {
        var codes = DeidentificationMethodCodes.For(options);
        var method = new List<string> { $"Basic Application Confidentiality Profile (PS3.15 {ConfidentialityProfile.Edition})" };
        method.AddRange(codes.Skip(1).Select(code => code.CodeMeaning));
        if (options.Overrides.Count > 0)
        {
            // Overrides may keep what the profile removes; the method says so rather than claim the plain profile.
            method.Add(string.Create(CultureInfo.InvariantCulture, $"NodeAgent site overrides: {options.Overrides.Count}"));
        }

        _identityRemoved = Text(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
        _method = Text(DicomTags.DeidentificationMethod, DicomVR.LO, method.ToArray());
        _codeItems = codes.Select(code => new[]
        {
            Text(DicomTags.CodeValue, DicomVR.SH, code.CodeValue),
            Text(DicomTags.CodingSchemeDesignator, DicomVR.SH, code.CodingSchemeDesignator),
            Text(DicomTags.CodeMeaning, DicomVR.LO, code.CodeMeaning),
        }).ToArray();
        _temporal = Text(
            DicomTags.LongitudinalTemporalInformationModified,
            DicomVR.CS,
            options.RetainLongitudinalModifiedDates ? "MODIFIED" : options.RetainLongitudinalFullDates ? "UNMODIFIED" : "REMOVED");
    }

    public void AddTo(DicomDataset dataset)
    {
        dataset.AddOrUpdate(_identityRemoved);
        dataset.AddOrUpdate(_method);
        dataset.AddOrUpdate(new DicomSequence(DicomTags.DeidentificationMethodCodeSequence, _codeItems.Select(item => new DicomDataset(item))));
        dataset.AddOrUpdate(_temporal);
    }

    // Elements are immutable, so one instance serves every data set.
    private static DicomElement Text(DicomTag tag, DicomVR vr, params string[] values)
    {
        var bytes = Encoding.ASCII.GetBytes(string.Join('\\', values));
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = (byte)' ';
        }

        return new DicomElement(tag, vr, bytes);
    }
}
