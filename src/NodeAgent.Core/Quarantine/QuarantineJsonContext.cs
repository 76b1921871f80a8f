using System.Text.Json.Serialization;

namespace NodeAgent.Core.Quarantine;

/// <summary>Source-generated reading and writing of reason files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(QuarantineReason))]
internal sealed partial class QuarantineJsonContext : JsonSerializerContext
{
}
