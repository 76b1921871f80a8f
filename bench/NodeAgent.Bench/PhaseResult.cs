using System.Globalization;

namespace NodeAgent.Bench;

/// <summary>The cost of one timed loop: wall time, bytes allocated by the GC and collections, over all iterations.</summary>
internal sealed record PhaseResult(string Name, int Iterations, TimeSpan Elapsed, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public double MillisecondsPerIteration => Elapsed.TotalMilliseconds / Iterations;

    public double AllocatedPerIteration => (double)AllocatedBytes / Iterations;

    /// <summary>Throughput in MB/s (10^6 bytes) of <paramref name="bytesPerIteration"/> input bytes per iteration.</summary>
    public double MegabytesPerSecond(long bytesPerIteration) =>
        bytesPerIteration * (double)Iterations / Elapsed.TotalSeconds / 1e6;

    public string Describe(long bytesPerIteration) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name,-28} {MillisecondsPerIteration,10:F3} ms/iter {MegabytesPerSecond(bytesPerIteration),9:F1} MB/s  " +
        $"alloc {AllocatedPerIteration / 1024,9:F1} KiB/iter  GCs {Gen0}/{Gen1}/{Gen2}");

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
    internal readonly record struct Probe(long Timestamp, long Allocated, int Gen0, int Gen1, int Gen2)
    {
        public static Probe Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            return new Probe(System.Diagnostics.Stopwatch.GetTimestamp(), allocated, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        }

        public PhaseResult Stop(string name, int iterations)
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(Timestamp);
            return new PhaseResult(
                name,
                iterations,
                elapsed,
                GC.GetTotalAllocatedBytes(precise: true) - Allocated,
                GC.CollectionCount(0) - Gen0,
                GC.CollectionCount(1) - Gen1,
                GC.CollectionCount(2) - Gen2);
        }
    }
}
