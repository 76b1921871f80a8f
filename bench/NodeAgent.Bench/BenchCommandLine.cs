using System.Globalization;
using NodeAgent.Dicom;

namespace NodeAgent.Bench;

/// <summary>
/// The harness's command line:
/// <c>generate DIR [--frames N]</c> writes the two inputs;
/// <c>readwrite FILE OUTDIR [--iterations N] [--warmup K] [--phases] [--threshold BYTES]</c> reads and
/// writes FILE N times (<c>--threshold</c> sets the reader's large-value threshold, to try other values than the default);
/// <c>convert IN OUT</c> reads and writes once with no measuring, as one <c>dcmconv +te IN OUT</c> process does.
/// </summary>
internal static class BenchCommandLine
{
    private const int Usage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                ["generate", var directory, .. var rest] => Generate(directory, rest, output),
                ["readwrite", var input, var outputDirectory, .. var rest] => ReadWrite(input, outputDirectory, rest, output),
                ["convert", var input, var outputPath] => Convert(input, outputPath),
                _ => PrintUsage(error),
            };
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return PrintUsage(error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DicomException)
        {
            // A benchmark that cannot read or write its files has nothing to report; say why and fail.
            error.WriteLine($"{e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static int Generate(string directory, string[] rest, TextWriter output)
    {
        var options = ParseOptions(rest, "--frames");
        var frames = IntOption(options, "--frames", SampleInstances.DefaultFrames);
        Directory.CreateDirectory(directory);
        foreach (var (name, dataset) in new[]
        {
            (SampleInstances.CtFileName, SampleInstances.BuildCt()),
            (SampleInstances.MultiFrameFileName, SampleInstances.BuildEnhancedCt(frames)),
        })
        {
            var path = Path.Combine(directory, name);
            new DicomFile(dataset).Save(path);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}\t{new FileInfo(path).Length} bytes"));
        }

        return 0;
    }

    private static int ReadWrite(string input, string outputDirectory, string[] rest, TextWriter output)
    {
        var options = ParseOptions(rest, "--iterations", "--warmup", "--phases", "--threshold");
        var settings = new ReadWriteSettings(
            input,
            outputDirectory,
            IntOption(options, "--iterations", 10),
            IntOption(options, "--warmup", 1),
            options.ContainsKey("--phases"),
            options.ContainsKey("--threshold") ? IntOption(options, "--threshold", 0) : null);
        new ReadWriteBenchmark(settings, output).Run();
        return 0;
    }

    /// <summary>One read and one write and nothing else: the job of one <c>dcmconv +te IN OUT</c> process.</summary>
    private static int Convert(string input, string outputPath)
    {
        DicomFile.Open(input).Save(outputPath);
        return 0;
    }

    private static Dictionary<string, string?> ParseOptions(string[] args, params string[] known)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!known.Contains(name))
            {
                throw new ArgumentException($"Unknown option '{name}'.");
            }

            // Flags take no value; every other option takes the next argument.
            var isFlag = name == "--phases";
            options[name] = isFlag ? null : (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value."));
        }

        return options;
    }

    private static int IntOption(Dictionary<string, string?> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} takes a non-negative whole number, not '{text}'.");
    }

    private static int PrintUsage(TextWriter error)
    {
        error.WriteLine("usage: NodeAgent.Bench generate DIR [--frames N]");
        error.WriteLine("       NodeAgent.Bench readwrite FILE OUTDIR [--iterations N] [--warmup K] [--phases] [--threshold BYTES]");
        error.WriteLine("       NodeAgent.Bench convert IN OUT");
        return Usage;
    }
}
