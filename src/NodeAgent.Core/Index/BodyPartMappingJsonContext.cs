using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeAgent.Core.Index;

/// <summary>Source-generated reading of the body part mapping table; unknown properties are errors, so typos surface.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BodyPartMappingEntry[]))]
internal sealed partial class BodyPartMappingJsonContext : JsonSerializerContext
{
}
