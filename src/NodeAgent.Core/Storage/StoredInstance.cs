namespace NodeAgent.Core.Storage;

/// <summary>A pseudonymised instance as <see cref="InstanceStore"/> wrote it, durably.</summary>
/// <param name="RelativePath">The path under the data directory, with '/' separators: <c>store/&lt;study&gt;/&lt;series&gt;/&lt;instance&gt;.dcm</c>.</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hex.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="TransferSyntaxUid">The transfer syntax the file was written in.</param>
public sealed record StoredInstance(string RelativePath, string FullPath, string Sha256, long Size, string TransferSyntaxUid);
