using System.Numerics;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Index;

/// <summary>
/// Reading optional attributes for the index: a malformed value (a DS that is no number, a date that is no date)
/// reads as absent instead of failing the instance. Validation, not the index, decides whether an instance is bad.
/// </summary>
internal static class DatasetValues
{
    public static T? Number<T>(DicomDataset dataset, DicomTag tag) where T : struct, INumber<T>
    {
        try
        {
            return dataset.GetNumber<T>(tag);
        }
        catch (DicomValueException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static IReadOnlyList<double> Numbers(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetNumbers<double>(tag);
        }
        catch (DicomValueException)
        {
            return [];
        }
    }

    public static DateOnly? Date(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetDate(tag);
        }
        catch (DicomValueException)
        {
            return null;
        }
    }

    public static DateOnly? DateOfDateTime(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetDateTime(tag) is { } value ? DateOnly.FromDateTime(value.DateTime) : null;
        }
        catch (DicomValueException)
        {
            return null;
        }
    }

    /// <summary>The items of a sequence; empty when the sequence is absent or empty.</summary>
    public static IReadOnlyList<DicomDataset> Items(DicomDataset dataset, DicomTag tag) =>
        dataset.Get<DicomSequence>(tag)?.Items ?? [];

    /// <summary>
    /// The nested data sets where an enhanced multi-frame object keeps a functional group macro (PS3.3 C.7.6.16):
    /// the macro's sequence inside the Shared Functional Groups Sequence first, then inside the first frame of the
    /// Per-frame Functional Groups Sequence.
    /// </summary>
    public static IEnumerable<DicomDataset> FunctionalGroup(DicomDataset dataset, DicomTag macroSequence)
    {
        foreach (var groups in new[] { DicomTags.SharedFunctionalGroupsSequence, DicomTags.PerFrameFunctionalGroupsSequence })
        {
            var first = Items(dataset, groups);
            if (first.Count == 0)
            {
                continue;
            }

            foreach (var item in Items(first[0], macroSequence))
            {
                yield return item;
            }
        }
    }
}
