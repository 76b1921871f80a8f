namespace NodeAgent.Hub.Cli;

/// <summary>The command line is wrong; the message says how.</summary>
internal sealed class HubUsageException(string message) : Exception(message);
