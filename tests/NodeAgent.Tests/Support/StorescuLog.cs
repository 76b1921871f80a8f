namespace NodeAgent.Tests.Support;

/// <summary>Reads `storescu -v` output: which files the receiver acknowledged with Success.</summary>
public static class StorescuLog
{
    /// <summary>The files whose C-STORE response was Success, in the order sent.</summary>
    public static IReadOnlyList<string> Acknowledged(string verboseOutput)
    {
        const string Sending = "I: Sending file: ";
        var acknowledged = new List<string>();
        string? current = null;
        foreach (var line in verboseOutput.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith(Sending, StringComparison.Ordinal))
            {
                current = line[Sending.Length..];
            }
            else if (line.StartsWith("I: Received Store Response (Success)", StringComparison.Ordinal) && current is not null)
            {
                acknowledged.Add(current);
                current = null;
            }
        }

        return acknowledged;
    }
}
