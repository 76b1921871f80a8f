namespace NodeAgent.Dicom.IO;

/// <summary>The two encoding choices a transfer syntax makes for the data set body.</summary>
internal readonly record struct EncodingRules(bool ExplicitVR, bool BigEndian)
{
    public static EncodingRules ImplicitLittle { get; } = new(false, false);

    public static EncodingRules ExplicitLittle { get; } = new(true, false);

    public static EncodingRules For(TransferSyntax syntax) => new(syntax.IsExplicitVR, syntax.IsBigEndian);
}
