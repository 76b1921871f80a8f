namespace NodeAgent.Core.Query;

/// <summary>Whether a query was answered or refused.</summary>
public enum QueryOutcomeKind
{
    /// <summary>A released table goes back.</summary>
    Answered,

    /// <summary>A refusal code and reason go back.</summary>
    Refused,
}
