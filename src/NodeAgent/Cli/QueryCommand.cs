using System.Globalization;
using NodeAgent.Core.Disclosure;
using NodeAgent.Core.Index;
using NodeAgent.Core.Query;
using NodeAgent.Core.Secrets;
using NodeAgent.Queries;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent query --local FILE [--config FILE] [--requester ID]: runs a query against the local index and prints
/// exactly what would be released, with the same noise a hub would get. A local run is the site operator's own
/// preview on a machine where the data already is: it spends no ε, records no differencing history and writes no
/// audit record (the audit log lists what left the node, and this leaves nothing). The index and the privacy ledger
/// are opened read-only, so it can run beside the agent.
/// </summary>
internal static class QueryCommand
{
    public static int Execute(Arguments arguments)
    {
        arguments.Expect("--local", "--config", "--requester");
        var file = arguments.Option("--local")
            ?? throw new UsageException("query needs --local FILE (the hub's queries arrive over the hub link)");
        var configuration = LocalConfiguration.Load(arguments.Option("--config"));
        FederatedQuery query;
        try
        {
            query = QueryJson.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"nodeagent: cannot read {file}: {e.Message}");
            return CommandLine.Failed;
        }
        catch (QueryValidationException e)
        {
            Console.Error.WriteLine($"nodeagent: invalid query in {file}: {e.Message}");
            return CommandLine.Usage;
        }

        var data = configuration.DataDirectory;
        var indexPath = Path.Combine(data, LiteDbInstanceIndex.FileName);
        if (!File.Exists(indexPath))
        {
            Console.Error.WriteLine($"nodeagent: there is no index at {indexPath} yet: nothing has been stored");
            return CommandLine.Failed;
        }

        byte[] cellKey;
        try
        {
            cellKey = SiteSecret.Load(data).DeriveKey(QueryServiceCollectionExtensions.CellKeyPurpose);
        }
        catch (SiteSecretException e)
        {
            Console.Error.WriteLine($"nodeagent: {e.Message}");
            return CommandLine.Failed;
        }

        var policy = new DisclosurePolicy(configuration.Disclosure);
        var requester = arguments.Option("--requester");
        QueryPreview preview;
        using (var index = LiteDbInstanceIndex.Open(indexPath, readOnly: true))
        using (var table = RollupTable.Load(index, DisclosureKeys.PatientSet(cellKey)))
        using (var ledger = requester is null ? null : PrivacyLedger.OpenInDirectory(data, readOnly: true))
        {
            preview = QueryService.Preview(table, policy, cellKey, query, ledger, requester, DateTimeOffset.UtcNow);
        }

        Print(Console.Out, query, policy, preview, requester);
        return CommandLine.Ok;
    }

    private static void Print(TextWriter output, FederatedQuery query, DisclosurePolicy policy, QueryPreview preview, string? requester)
    {
        output.WriteLine($"query:  {CanonicalQuery.Of(query)}");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"policy: {policy.PolicyHash} (k {policy.MinimumCellSize}, rounding {policy.RoundingBase}, noise ±{policy.NoiseMagnitude}, differential privacy {(policy.DifferentialPrivacy ? $"on, ε {policy.EpsilonPerQuery:0.###} per query" : "off")})"));
        output.WriteLine();
        ReleasedTableWriter.Write(output, preview.Table);
        output.WriteLine();
        if (preview.Table.Rows.SelectMany(r => r.Cells).Any(c => c.Suppressed))
        {
            output.WriteLine($"{policy.SuppressedLabel}{ReleasedTableWriter.SuppressedMarker}: fewer than {policy.MinimumCellSize} patients in the cell; the count is withheld.");
        }

        output.WriteLine("Local preview: nothing was sent, no ε was spent, no audit record was written.");
        if (requester is null)
        {
            return;
        }

        if (preview.EpsilonRemaining is { } remaining)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Requester {requester}: ε {remaining:0.###} of {policy.EpsilonBudget:0.###} left."));
        }

        output.WriteLine(preview.WouldRefuseCode is null
            ? $"Requester {requester}: the hub would get this answer."
            : $"Requester {requester}: the hub would be refused ({preview.WouldRefuseCode}): {preview.WouldRefuseReason}");
    }
}
