using System.Diagnostics;
using System.Globalization;

namespace NodeAgent.Bench;

/// <summary>The cost of one timed loop: wall time, bytes allocated by the GC and collections, over all iterations.</summary>
/// <remarks>CPU time is the whole process's, user plus system, so it includes the kernel's work on our reads and writes.</remarks>
internal sealed record PhaseResult(string Name, int Iterations, TimeSpan Elapsed, TimeSpan CpuTime, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public double MillisecondsPerIteration => Elapsed.TotalMilliseconds / Iterations;

    public double CpuMillisecondsPerIteration => CpuTime.TotalMilliseconds / Iterations;

    public double AllocatedPerIteration => (double)AllocatedBytes / Iterations;

    /// <summary>Throughput in MB/s (10^6 bytes) of <paramref name="bytesPerIteration"/> input bytes per iteration.</summary>
    public double MegabytesPerSecond(long bytesPerIteration) =>
        bytesPerIteration * (double)Iterations / Elapsed.TotalSeconds / 1e6;

    public string Describe(long bytesPerIteration) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name,-34} {MillisecondsPerIteration,9:F3} ms/iter {MegabytesPerSecond(bytesPerIteration),8:F1} MB/s  " +
        $"cpu {CpuMillisecondsPerIteration,8:F3} ms  alloc {AllocatedPerIteration / 1024,7:F1} KiB/iter  GCs {Gen0}/{Gen1}/{Gen2}");

    /// <summary>Times <paramref name="iterations"/> calls of <paramref name="body"/>, starting from a collected heap.</summary>
    public static PhaseResult Measure(string name, int iterations, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var probe = Probe.Start();
        for (var i = 0; i < iterations; i++)
        {
            body();
        }

        return probe.Stop(name, iterations);
    }

    /// <summary>Counters read before a loop; <see cref="Stop"/> turns them into a result.</summary>
    internal readonly record struct Probe(long Timestamp, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2)
    {
        public static Probe Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            return new Probe(Stopwatch.GetTimestamp(), CpuTime(), allocated, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        }

        public PhaseResult Stop(string name, int iterations)
        {
            var elapsed = Stopwatch.GetElapsedTime(Timestamp);
            var cpu = CpuTime() - Cpu;
            return new PhaseResult(
                name,
                iterations,
                elapsed,
                cpu,
                GC.GetTotalAllocatedBytes(precise: true) - Allocated,
                GC.CollectionCount(0) - Gen0,
                GC.CollectionCount(1) - Gen1,
                GC.CollectionCount(2) - Gen2);
        }

        private static TimeSpan CpuTime()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
