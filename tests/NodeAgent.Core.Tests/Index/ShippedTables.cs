using NodeAgent.Core.Index;
using NodeAgent.Testing;

namespace NodeAgent.Core.Tests.Index;

/// <summary>The tables the repository ships under config/, read once.</summary>
internal static class ShippedTables
{
    private static readonly Lazy<BodyPartMapping> Mapping = new(() =>
        BodyPartMapping.Load(Path.Combine(RepoPaths.RepoRoot, "config", BodyPartMapping.DefaultFileName)));

    public static BodyPartMapping BodyParts => Mapping.Value;

    public static DimensionExtractor Extractor { get; } = new(BodyParts);
}
