namespace NodeAgent.Testing.Corpus;

/// <summary>The four UIDs of a slice.</summary>
/// <param name="Study">Study Instance UID.</param>
/// <param name="Series">Series Instance UID.</param>
/// <param name="Instance">SOP Instance UID.</param>
/// <param name="FrameOfReference">Frame of Reference UID.</param>
public sealed record SmallCtUids(string Study, string Series, string Instance, string FrameOfReference)
{
    /// <summary>The four UIDs in one list.</summary>
    public IReadOnlyList<string> All => [Study, Series, Instance, FrameOfReference];

    /// <summary>UIDs under <paramref name="root"/> (a test's own root): study .1, series .1.S, instance .1.S.I, frame of reference .9.</summary>
    public static SmallCtUids Under(string root, int series = 1, int instance = 1) =>
        new($"{root}.1", $"{root}.1.{series}", $"{root}.1.{series}.{instance}", $"{root}.9");
}
