using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodeAgent.Hub.Hosting;
using NodeAgent.Hub.Nodes;
using NodeAgent.Hub.Queries;

namespace NodeAgent.Hub.Cli;

/// <summary>The verbs of nodeagent-hub: serve, query, nodes.</summary>
internal static class HubCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>The shipped configuration, beside the executable: what <c>serve</c> reads without --config.</summary>
    public const string DefaultConfigFile = "nodeagent-hub.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length == 0 ? "help" : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        try
        {
            return verb switch
            {
                "serve" => await ServeAsync(new HubArguments(rest)),
                "query" => await QueryAsync(new HubArguments(rest)),
                "nodes" => await NodesAsync(new HubArguments(rest)),
                "help" or "--help" or "-h" => Help(Console.Out, Ok),
                _ => Help(Console.Error, Usage, $"unknown command '{verb}'"),
            };
        }
        catch (HubUsageException e)
        {
            return Help(Console.Error, Usage, e.Message);
        }
        catch (QueryJsonException e)
        {
            await Console.Error.WriteLineAsync($"nodeagent-hub: the query is not valid: {e.Message}");
            return Usage;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"nodeagent-hub: {e.Message}");
            return Usage;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await Console.Error.WriteLineAsync($"nodeagent-hub: configuration error: {failure}");
            }

            return Usage;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"nodeagent-hub: the hub's admin endpoint did not answer ({e.Message}); is `nodeagent-hub serve` running?");
            return Failed;
        }
    }

    private static async Task<int> ServeAsync(HubArguments arguments)
    {
        arguments.Expect("--config");
        var file = arguments.Option("--config") ?? Path.Combine(AppContext.BaseDirectory, DefaultConfigFile);
        var (options, configuration) = Load(file, validate: true);
        await using var server = HubServer.Create(options, logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }));
        await server.RunAsync();
        return Ok;
    }

    private static async Task<int> QueryAsync(HubArguments arguments)
    {
        arguments.Expect("--nodes", "--timeout", "--requester", "--admin", "--config", "--json");
        var file = arguments.Positional(0, "FILE");
        var text = await File.ReadAllTextAsync(file);
        _ = QueryJsonParser.Parse(text);
        var nodes = arguments.Option("--nodes") is { } list && list != "all" ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        if (!double.TryParse(arguments.Option("--timeout") ?? "30", NumberStyles.Float, CultureInfo.InvariantCulture, out var timeout) || timeout is <= 0 or > 3600)
        {
            throw new HubUsageException("--timeout takes seconds, more than 0 and at most 3600");
        }

        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using var http = AdminClient(arguments, TimeSpan.FromSeconds(timeout + 30));
        var request = new AdminQueryRequest(document.RootElement.Clone(), nodes, timeout, arguments.Option("--requester"));
        using var response = await http.PostAsJsonAsync("admin/query", request, Json);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"nodeagent-hub: the hub refused the query: {await response.Content.ReadAsStringAsync()}");
            return Usage;
        }

        var merged = (await response.Content.ReadFromJsonAsync<MergedResult>(Json))!;
        if (arguments.Flag("--json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(merged, Json));
        }
        else
        {
            MergedResultWriter.Write(Console.Out, merged);
        }

        return merged.Nodes.Count > 0 && merged.Nodes.All(n => n.Status == "answered") ? Ok : Failed;
    }

    private static async Task<int> NodesAsync(HubArguments arguments)
    {
        arguments.Expect("--admin", "--config", "--json");
        using var http = AdminClient(arguments, TimeSpan.FromSeconds(30));
        var nodes = (await http.GetFromJsonAsync<List<NodeView>>("admin/nodes", Json))!;
        if (arguments.Flag("--json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(nodes, Json));
            return Ok;
        }

        TextTable.Write(Console.Out, ["node", "connected", "last heartbeat", "instances", "spool", "free disk", "policy", "certificate"], nodes.Select(n => (IReadOnlyList<string>)
        [
            n.NodeId,
            n.Connected ? "yes" : "no",
            n.LastHeartbeat?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
            n.Instances.ToString(CultureInfo.InvariantCulture),
            n.SpoolDepth.ToString(CultureInfo.InvariantCulture),
            $"{n.FreeDiskBytes >> 20} MiB",
            n.PolicyHash.Length > 12 ? n.PolicyHash[..12] : n.PolicyHash,
            n.CertificateSubject,
        ]));
        return Ok;
    }

    private static HttpClient AdminClient(HubArguments arguments, TimeSpan timeout)
    {
        var address = arguments.Option("--admin");
        if (address is null)
        {
            var port = arguments.Option("--config") is { } config ? Load(config, validate: false).Options.AdminPort : new HubServerOptions().AdminPort;
            address = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
        }

        return new HttpClient { BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/"), Timeout = timeout };
    }

    private static (HubServerOptions Options, IConfiguration Configuration) Load(string? file, bool validate)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new HubUsageException($"the configuration file {file} does not exist");
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.AddEnvironmentVariables("NODEAGENT_HUB_");
        var configuration = builder.Build();
        var options = new HubServerOptions();
        configuration.GetSection(HubServerOptions.Section).Bind(options);
        if (validate && new HubServerOptionsValidator().Validate(null, options) is { Failed: true } result)
        {
            throw new OptionsValidationException(HubServerOptions.Section, typeof(HubServerOptions), result.Failures);
        }

        return (options, configuration);
    }

    private static int Help(TextWriter writer, int code, string? error = null)
    {
        if (error is not null)
        {
            writer.WriteLine($"nodeagent-hub: {error}");
        }

        writer.WriteLine("""
            usage:
              nodeagent-hub serve [--config FILE]           run the hub (nodes' gRPC endpoint + loopback admin endpoint)
              nodeagent-hub query FILE [--nodes all|A,B] [--timeout S] [--requester ID] [--json] [--config FILE | --admin URL]
                                                            send a JSON query to the nodes and print the merged result
              nodeagent-hub nodes [--json] [--config FILE | --admin URL]
                                                            list the nodes the hub knows
            """);
        return code;
    }
}
