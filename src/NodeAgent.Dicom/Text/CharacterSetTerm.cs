namespace NodeAgent.Dicom.Text;

/// <summary>
/// One defined term of Specific Character Set (PS3.3 C.12.1.1.2): either a set used without code extensions
/// (Table C.12-2, C.12-5), or one used with ISO 2022 code extensions (Tables C.12-3, C.12-4) together with the
/// G0 and G1 elements it designates.
/// </summary>
/// <param name="Name">The defined term as the standard spells it.</param>
/// <param name="G0">The G0 element the term designates, or null.</param>
/// <param name="G1">The G1 element the term designates, or null.</param>
/// <param name="IsCodeExtension">True for the "ISO 2022 IR n" terms.</param>
/// <param name="MultiByteCodePage">For ISO_IR 192, GB18030 and GBK: the code page; 0 for the others.</param>
internal sealed record CharacterSetTerm(string Name, CodeElement? G0, CodeElement? G1, bool IsCodeExtension, int MultiByteCodePage)
{
    /// <summary>ISO_IR 192, GB18030 and GBK do not allow code extensions (PS3.3 C.12.1.1.2).</summary>
    public bool AllowsCodeExtensions => MultiByteCodePage == 0;

    /// <summary>The G0 a value starts in when this term is value 1: its own single-byte G0, else ISO-IR 6.</summary>
    public CodeElement InitialG0 => G0 is { IsAscii: true } ? G0 : CodeElement.IsoIr6;
}
