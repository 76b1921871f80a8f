using System.Text;

namespace NodeAgent.Dicom.Text;

/// <summary>
/// Code-page encodings from the in-box <see cref="CodePagesEncodingProvider"/>, fetched directly so the
/// provider is never registered process-wide (that would change <see cref="Encoding.GetEncoding(int)"/> for everyone).
/// </summary>
internal static class CodePages
{
    /// <summary>The character that stands for bytes with no mapping.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>The encoding for a code page: strict when encoding, U+FFFD for bad bytes when decoding.</summary>
    public static Encoding Get(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(
            codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(Replacement.ToString()))
        ?? throw new InvalidOperationException($"Code page {codePage} is not provided by CodePagesEncodingProvider.");

    /// <summary>
    /// True when a decoded character is a real mapping: Windows code pages map unassigned bytes to the
    /// private use area, which we report as U+FFFD instead.
    /// </summary>
    public static bool IsAssigned(char c) =>
        c != Replacement && !char.IsSurrogate(c) && c is < '\uE000' or > '\uF8FF';
}
