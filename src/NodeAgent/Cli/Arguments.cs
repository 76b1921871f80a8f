namespace NodeAgent.Cli;

/// <summary>A verb's arguments: positional values and --name value options.</summary>
internal sealed class Arguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"option {args[i]} needs a value");
                }

                _options[args[i]] = args[++i];
            }
            else
            {
                _positional.Add(args[i]);
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public void Expect(params string[] allowed)
    {
        var unknown = _options.Keys.Except(allowed).FirstOrDefault();
        if (unknown is not null)
        {
            throw new UsageException($"unknown option {unknown}");
        }
    }

    public string Required(int index, string what) =>
        index < _positional.Count ? _positional[index] : throw new UsageException($"missing {what}");

    public int Port(int index)
    {
        var text = Required(index, "PORT");
        return int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new UsageException($"'{text}' is not a port (1-65535)");
    }
}
