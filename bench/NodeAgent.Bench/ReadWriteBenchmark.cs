using System.Diagnostics;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using static System.FormattableString;

namespace NodeAgent.Bench;

/// <summary>
/// Reads a Part 10 file with <see cref="DicomFile.Open"/> and writes it with <see cref="DicomFile.Save(string, DicomWriterOptions?)"/>,
/// the job <c>dcmconv +te IN OUT</c> does, N times in one process; reports input MB/s, the split between
/// reading and writing, CPU time, GC allocation per iteration and the peak working set.
/// </summary>
internal sealed class ReadWriteBenchmark(ReadWriteSettings settings, TextWriter report)
{
    /// <summary>The raw-copy floor uses the same chunk size as the library's copies of file-backed values.</summary>
    private const int CopyBufferSize = 1 << 20;

    /// <summary>A threshold below one CT frame, to show what leaving the pixel data in the file saves.</summary>
    private const int SmallThreshold = 64 * 1024;

    private readonly string _input = Path.GetFullPath(settings.InputPath);
    private readonly string _output = Path.GetFullPath(Path.Combine(settings.OutputDirectory, "nodeagent-" + Path.GetFileName(settings.InputPath)));
    private readonly DicomReaderOptions _readerOptions = settings.LargeValueThreshold is { } threshold
        ? new DicomReaderOptions { LargeValueThreshold = threshold }
        : DicomReaderOptions.Default;

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
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < settings.Warmup; i++)
        {
            ReadWriteOnce();
        }

        var firstMs = warmup.Elapsed.TotalMilliseconds;
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
        Write(Invariant($"reader     large values of {_readerOptions.LargeValueThreshold:N0} bytes or more stay in the file"));
        Write(Invariant($"loop       {settings.Iterations} iterations in one process, after {settings.Warmup} warm-up ({firstMs:F1} ms: JIT, static tables, page cache)"));
        Write(total.Describe(inputBytes));
        Write(Invariant($"{"  of which Open",-34} {openMs,9:F3} ms/iter ({100 * openMs / (openMs + saveMs):F0}%)"));
        Write(Invariant($"{"  of which Save",-34} {saveMs,9:F3} ms/iter ({100 * saveMs / (openMs + saveMs):F0}%)"));
        Write(Invariant($"memory     peak working set {peakWorkingSet / 1048576.0:F1} MiB (at start {startWorkingSet / 1048576.0:F1} MiB)"));
        if (settings.Phases)
        {
            RunPhases(inputBytes);
        }

        Write(Invariant($"RESULT file={Path.GetFileName(_input)} bytes={inputBytes} iterations={settings.Iterations} ms_per_iter={total.MillisecondsPerIteration:F4} mbps={total.MegabytesPerSecond(inputBytes):F1} cpu_ms_per_iter={total.CpuMillisecondsPerIteration:F4} open_ms={openMs:F4} save_ms={saveMs:F4} alloc_per_iter={total.AllocatedPerIteration:F0} peak_ws={peakWorkingSet} first_ms={firstMs:F1}"));
    }

    /// <summary>
    /// Each part on its own, to show where the time goes: parsing (Open), encoding plus reading the values left in
    /// the source file (Save to a null stream), the file write with and without the temp-file-and-rename Save
    /// does, the same with the pixel data left in the file, and the floor: the file's bytes copied with no DICOM work.
    /// </summary>
    private void RunPhases(long inputBytes)
    {
        var iterations = settings.Iterations;
        var small = new DicomReaderOptions { LargeValueThreshold = SmallThreshold };
        Write("phases     (each timed alone, same iteration count)");
        Write(PhaseResult.Measure("Open only", iterations, () => DicomFile.Open(_input, _readerOptions)).Describe(inputBytes));
        Write(PhaseResult.Measure("Open only, threshold 64 KiB", iterations, () => DicomFile.Open(_input, small)).Describe(inputBytes));
        var opened = DicomFile.Open(_input, _readerOptions);
        Write(PhaseResult.Measure("Save to Stream.Null (opened once)", iterations, () => opened.Save(Stream.Null)).Describe(inputBytes));
        Write(PhaseResult.Measure("Save(path) (temp + rename)", iterations, () => opened.Save(_output)).Describe(inputBytes));
        Write(PhaseResult.Measure("Save(FileStream) in place", iterations, () =>
        {
            using var stream = new FileStream(_output, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            opened.Save(stream);
        }).Describe(inputBytes));
        Write(PhaseResult.Measure("Open+Save, threshold 64 KiB", iterations, () => DicomFile.Open(_input, small).Save(_output)).Describe(inputBytes));
        var buffer = new byte[CopyBufferSize];
        Write(PhaseResult.Measure("floor: read the file only", iterations, () => ReadAll(buffer)).Describe(inputBytes));
        Write(PhaseResult.Measure("floor: raw copy, 1 MiB chunks", iterations, () => RawCopy(buffer)).Describe(inputBytes));
    }

    private (long Open, long Save) ReadWriteOnce()
    {
        var start = Stopwatch.GetTimestamp();
        var file = DicomFile.Open(_input, _readerOptions);
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
