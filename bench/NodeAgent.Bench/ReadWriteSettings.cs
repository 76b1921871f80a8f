namespace NodeAgent.Bench;

/// <summary>What one <c>readwrite</c> run does: read and write <see cref="InputPath"/> that many times.</summary>
/// <param name="InputPath">The Part 10 file to read.</param>
/// <param name="OutputDirectory">Where the copy is written (overwritten each iteration).</param>
/// <param name="Iterations">Measured iterations.</param>
/// <param name="Warmup">Unmeasured iterations first: JIT, page cache, file system metadata.</param>
/// <param name="Phases">Also time each part on its own (open, encode, write) and the raw-copy floor.</param>
/// <param name="LargeValueThreshold">The reader's threshold for leaving values in the file; null for its default.</param>
internal sealed record ReadWriteSettings(
    string InputPath, string OutputDirectory, int Iterations, int Warmup, bool Phases, long? LargeValueThreshold = null);
