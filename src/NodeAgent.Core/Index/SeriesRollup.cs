namespace NodeAgent.Core.Index;

/// <summary>
/// One series as the query engine sees it (DESIGN decision 7): its dimensions, instance count and study and patient
/// keys. The dimensions are those of the series' representative instance (the first one indexed), except the two that
/// can differ between instances of a series and matter for disclosure: <see cref="InstanceDimensions.ContrastAgent"/>
/// is true when any instance had an agent, and <see cref="InstanceDimensions.BurnedInAnnotationRisk"/> is the highest
/// risk of any instance.
/// </summary>
/// <param name="SeriesKey">The pseudonymised Series Instance UID.</param>
/// <param name="StudyKey">The pseudonymised Study Instance UID.</param>
/// <param name="PatientKey">The pseudonymised Patient ID.</param>
/// <param name="Dimensions">The series' dimensions.</param>
/// <param name="InstanceCount">How many instances the series holds.</param>
/// <param name="FrameCount">The sum of the instances' frames (an instance without pixels counts none).</param>
/// <param name="TotalBytes">The sum of the stored files' sizes.</param>
/// <param name="FirstIndexedUtc">When the series' first instance was indexed.</param>
/// <param name="LastIndexedUtc">When an instance of the series was last indexed.</param>
public sealed record SeriesRollup(
    string SeriesKey,
    string StudyKey,
    string PatientKey,
    InstanceDimensions Dimensions,
    int InstanceCount,
    long FrameCount,
    long TotalBytes,
    DateTime FirstIndexedUtc,
    DateTime LastIndexedUtc);
