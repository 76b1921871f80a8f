namespace NodeAgent.Core.Pipeline;

/// <summary>The stage names: the <c>stage</c> tag of <c>nodeagent.pipeline.stage.duration</c> and of log lines.</summary>
internal static class PipelineStages
{
    public const string Parse = "parse";
    public const string Validate = "validate";
    public const string Pseudonymise = "pseudonymise";
    public const string Standardise = "standardise";
    public const string Store = "store";
    public const string Index = "index";
    public const string Delete = "delete";
    public const string Quarantine = "quarantine";
}
