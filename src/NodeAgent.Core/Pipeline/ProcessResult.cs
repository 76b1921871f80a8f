namespace NodeAgent.Core.Pipeline;

/// <summary>The outcome of one spool file, with the failure and the stage it happened at when it was transient.</summary>
internal readonly record struct ProcessResult(ProcessOutcome Outcome, Exception? Failure = null, string Stage = "");
