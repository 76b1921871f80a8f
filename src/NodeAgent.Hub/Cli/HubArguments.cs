namespace NodeAgent.Hub.Cli;

/// <summary>Positional arguments, <c>--name value</c> options and <c>--flag</c> switches.</summary>
internal sealed class HubArguments
{
    private static readonly string[] Flags = ["--json"];
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public HubArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                _positional.Add(args[i]);
            }
            else if (Flags.Contains(args[i]))
            {
                _options[args[i]] = null;
            }
            else if (i + 1 < args.Count)
            {
                _options[args[i]] = args[++i];
            }
            else
            {
                throw new HubUsageException($"{args[i]} needs a value");
            }
        }
    }

    public void Expect(params string[] known)
    {
        if (_options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new HubUsageException($"unknown option {unknown}");
        }
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _options.ContainsKey(name);

    public string Positional(int index, string name) =>
        index < _positional.Count ? _positional[index] : throw new HubUsageException($"{name} is missing");
}
