namespace NodeAgent.Core.Index;

/// <summary>How much the index holds.</summary>
/// <param name="Patients">Distinct pseudonymised patients.</param>
/// <param name="Studies">Studies.</param>
/// <param name="Series">Series.</param>
/// <param name="Instances">Instances.</param>
public readonly record struct IndexCounts(long Patients, long Studies, long Series, long Instances);
