namespace NodeAgent.Testing.Corpus;

/// <summary>A forbidden value found in a file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Offset">Where in it.</param>
/// <param name="Value">What was found.</param>
/// <param name="Encoding">"ASCII", "UTF-16LE" or "UTF-16BE".</param>
/// <param name="Context">The printable bytes around it, so the message shows which marker (tag) leaked.</param>
public sealed record PhiFinding(string Path, long Offset, ForbiddenValue Value, string Encoding, string Context)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Value.What} '{Value.Text}' ({Encoding}) in {Path} at {Offset}: …{Context}…";
}
