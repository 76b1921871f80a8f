using System.Diagnostics;
using NodeAgent.Dicom;
using static System.FormattableString;

namespace NodeAgent.Bench;

/// <summary>
/// Reads a Part 10 file with <see cref="DicomFile.Open"/> and writes it with <see cref="DicomFile.Save(string, Dicom.IO.DicomWriterOptions?)"/>,
/// the job <c>dcmconv +te IN OUT</c> does, N times in one process; reports input MB/s, the split between
/// reading and writing, GC allocation per iteration and the peak working set.
/// </summary>
internal sealed class ReadWriteBenchmark(ReadWriteSettings settings, TextWriter report)
{
    /// <summary>The raw-copy floor uses the same chunk size as the library's copies of file-backed values.</summary>
    private const int CopyBufferSize = 1 << 20;

    private readonly string _input = Path.GetFullPath(settings.InputPath);
    private readonly string _output = Path.GetFullPath(Path.Combine(settings.OutputDirectory, "nodeagent-" + Path.GetFileName(settings.InputPath)));

    public void Run()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Iterations, 1, "--iterations");
        if (string.Equals(_input, _output, StringComparison.Ordinal))
        {
            throw new ArgumentException("The output would overwrite the input; choose another output directory.");
        }

        Directory.CreateDirectory(settings.OutputDirectory);
        var inputBytes = new FileInfo(_input).Length;
        var startWorkingSet = Environment.WorkingSet;
        for (var i = 0; i < settings.Warmup; i++)
        {
            ReadWriteOnce();
        }

        long openTicks = 0, saveTicks = 0;
        var probe = PhaseResult.Probe.Start();
        for (var i = 0; i < settings.Iterations; i++)
        {
            var (open, save) = ReadWriteOnce();
            openTicks += open;
            saveTicks += save;
        }

        var total = probe.Stop("read+write (Open+Save)", settings.Iterations);
        using var process = Process.GetCurrentProcess();
        var peakWorkingSet = process.PeakWorkingSet64;
        var openMs = TicksToMilliseconds(openTicks) / settings.Iterations;
        var saveMs = TicksToMilliseconds(saveTicks) / settings.Iterations;

        Write(Invariant($"input      {Path.GetFileName(_input)}: {inputBytes:N0} bytes; output {new FileInfo(_output).Length:N0} bytes"));
        Write(Invariant($"loop       {settings.Iterations} iterations after {settings.Warmup} warm-up, one process"));
        Write(total.Describe(inputBytes));
        Write(Invariant($"{"  of which Open",-28} {openMs,10:F3} ms/iter ({100 * openMs / (openMs + saveMs):F0}%)"));
        Write(Invariant($"{"  of which Save",-28} {saveMs,10:F3} ms/iter ({100 * saveMs / (openMs + saveMs):F0}%)"));
        Write(Invariant($"memory     peak working set {peakWorkingSet / 1048576.0:F1} MiB (at start {startWorkingSet / 1048576.0:F1} MiB)"));
        if (settings.Phases)
        {
            RunPhases(inputBytes);
        }

        Write(Invariant($"RESULT file={Path.GetFileName(_input)} bytes={inputBytes} iterations={settings.Iterations} ms_per_iter={total.MillisecondsPerIteration:F4} mbps={total.MegabytesPerSecond(inputBytes):F1} open_ms={openMs:F4} save_ms={saveMs:F4} alloc_per_iter={total.AllocatedPerIteration:F0} peak_ws={peakWorkingSet}"));
    }

    /// <summary>
    /// Each part on its own, to show where the time goes: parsing (Open), encoding plus reading the values left in
    /// the source file (Save to a null stream), the file write with and without the temp-file-and-rename Save
    /// does, and the floor: copying the file's bytes with no DICOM work at all.
    /// </summary>
    private void RunPhases(long inputBytes)
    {
        Write("phases     (each timed alone, same iteration count)");
        Write(PhaseResult.Measure("Open only", settings.Iterations, () => DicomFile.Open(_input)).Describe(inputBytes));
        var opened = DicomFile.Open(_input);
        Write(PhaseResult.Measure("Save to Stream.Null", settings.Iterations, () => opened.Save(Stream.Null)).Describe(inputBytes));
        Write(PhaseResult.Measure("Save(path) (temp + rename)", settings.Iterations, () => opened.Save(_output)).Describe(inputBytes));
        Write(PhaseResult.Measure("Save(FileStream) in place", settings.Iterations, () =>
        {
            using var stream = new FileStream(_output, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            opened.Save(stream);
        }).Describe(inputBytes));
        var buffer = new byte[CopyBufferSize];
        Write(PhaseResult.Measure("floor: read file only", settings.Iterations, () => ReadAll(buffer)).Describe(inputBytes));
        Write(PhaseResult.Measure("floor: raw copy 1 MiB chunks", settings.Iterations, () => RawCopy(buffer)).Describe(inputBytes));
    }

    private (long Open, long Save) ReadWriteOnce()
    {
        var start = Stopwatch.GetTimestamp();
        var file = DicomFile.Open(_input);
        var opened = Stopwatch.GetTimestamp();
        file.Save(_output);
        return (opened - start, Stopwatch.GetTimestamp() - opened);
    }

    private void ReadAll(byte[] buffer)
    {
        using var source = new FileStream(_input, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        while (source.Read(buffer) > 0)
        {
        }
    }

    private void RawCopy(byte[] buffer)
    {
        using var source = new FileStream(_input, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        using var destination = new FileStream(_output, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            destination.Write(buffer, 0, read);
        }
    }

    private static double TicksToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private void Write(string line) => report.WriteLine(line);
}
