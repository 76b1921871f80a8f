using System.Security.Cryptography;
using NodeAgent.Core.Index;
using NodeAgent.Core.Storage;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent verify [--config FILE]: re-hashes every stored file against the SHA-256 the index holds and reports
/// missing, corrupt and extra files; exits 0 only when the store is clean. Opens the index read-only: it changes
/// nothing, and runs while the agent is stopped (a running agent holds the index file open exclusively).
/// </summary>
internal static class VerifyCommand
{
    public static int Execute(Arguments arguments)
    {
        arguments.Expect("--config");
        var settings = AgentSettings.Load(arguments.Option("--config"));
        var indexPath = Path.Combine(settings.DataDirectory, LiteDbInstanceIndex.FileName);
        if (!File.Exists(indexPath))
        {
            Console.Error.WriteLine($"nodeagent: verify: there is no index at {indexPath}; nothing was ever stored here");
            return CommandLine.Failed;
        }

        LiteDbInstanceIndex index;
        try
        {
            index = LiteDbInstanceIndex.Open(indexPath, readOnly: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"nodeagent: verify: cannot open the index {indexPath} ({e.Message}); stop the agent and run verify again");
            return CommandLine.Failed;
        }

        using (index)
        {
            return Verify(settings.DataDirectory, index);
        }
    }

    private static int Verify(string dataDirectory, LiteDbInstanceIndex index)
    {
        var instances = index.AllInstances().Select(instance => instance.Entry).ToList();
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        int missing = 0, corrupt = 0, extra = 0;
        var verified = 0;
        using (var progress = new ProgressReporter(instances.Count, () => Volatile.Read(ref verified), () => "files verified", Console.Error))
        {
            foreach (var entry in instances)
            {
                indexed.Add(entry.StoredPath);
                var full = FullPath(dataDirectory, entry.StoredPath);
                if (!File.Exists(full))
                {
                    missing++;
                    Console.WriteLine($"missing  {entry.StoredPath}");
                }
                else if (Hash(full) is var (hash, size) && (size != entry.Size || !string.Equals(hash, entry.Sha256, StringComparison.OrdinalIgnoreCase)))
                {
                    corrupt++;
                    Console.WriteLine($"corrupt  {entry.StoredPath} (SHA-256 {hash}, {size} bytes; the index says {entry.Sha256}, {entry.Size} bytes)");
                }

                Interlocked.Increment(ref verified);
            }

            progress.Finish();
        }

        var storeRoot = Path.Combine(dataDirectory, InstanceStore.DirectoryName);
        if (Directory.Exists(storeRoot))
        {
            foreach (var file in Directory.EnumerateFiles(storeRoot, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(dataDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!indexed.Contains(relative))
                {
                    extra++;
                    Console.WriteLine($"extra    {relative}");
                }
            }
        }

        var clean = missing + corrupt + extra == 0;
        Console.WriteLine($"verify: {instances.Count} indexed instance(s): {missing} missing, {corrupt} corrupt, {extra} extra file(s): {(clean ? "clean" : "NOT clean")}");
        return clean ? CommandLine.Ok : CommandLine.Failed;
    }

    private static string FullPath(string dataDirectory, string relative) =>
        Path.GetFullPath(Path.Combine(dataDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));

    private static (string Hash, long Size) Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
