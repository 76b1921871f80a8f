using NodeAgent.Dicom;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// The de-identification engine: applies PS3.15 Annex E (the Basic Application Level Confidentiality Profile and
/// the chosen options, resolved from Table E.1-1 as data) to a data set in place, through every item of every
/// sequence, with keyed pseudonyms for the patient, the UIDs and the dates. Never throws on real-world data: a value
/// that cannot be processed is removed and counted. Thread-safe: one engine serves every instance.
/// </summary>
public sealed class Deidentifier
{
    private readonly Pseudonyms _pseudonyms;
    private readonly DeidentificationMarkers _markers;

    /// <summary>Creates the engine for the options and the site's pseudonym source.</summary>
    /// <exception cref="ArgumentException">The options cannot be applied (see <see cref="DeidentificationOptions.Validate"/>).</exception>
    public Deidentifier(DeidentificationOptions options, Pseudonyms pseudonyms)
        : this(ConfidentialityProfile.Create(options), pseudonyms)
    {
    }

    /// <summary>Creates the engine for a resolved profile and the site's pseudonym source.</summary>
    public Deidentifier(ConfidentialityProfile profile, Pseudonyms pseudonyms)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _pseudonyms = pseudonyms ?? throw new ArgumentNullException(nameof(pseudonyms));
        _markers = new DeidentificationMarkers(profile.Options);
    }

    /// <summary>The resolved profile the engine applies.</summary>
    public ConfidentialityProfile Profile { get; }

    /// <summary>
    /// De-identifies the data set in place (the File Meta Information is not part of it: write the result as a new
    /// file, whose meta is built from the de-identified data set). Adds Patient Identity Removed, De-identification
    /// Method (and its code sequence) and Longitudinal Temporal Information Modified.
    /// </summary>
    /// <returns>Counts of what was done, and the patient's pseudonym.</returns>
    public DeidentificationResult Deidentify(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new DeidentificationRun(Profile, _pseudonyms, _markers).Run(dataset);
    }
}
