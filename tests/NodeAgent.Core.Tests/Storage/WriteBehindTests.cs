using System.Globalization;
using System.Security.Cryptography;
using NodeAgent.Core.Storage;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Storage;

/// <summary>
/// The page-cache hint the spool gives once a prepared instance is durable: its pages leave the cache, so the next
/// instance reuses them (on this VM a page never used before costs a host fault). Checked with util-linux
/// <c>fincore</c>, which reports how much of a file is resident.
/// </summary>
[TestFixture]
public sealed class WriteBehindTests
{
    private const int FileLength = 4 << 20;

    [Test]
    public async Task Drop_AfterFsync_TheFilesPagesLeaveThePageCache()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("posix_fadvise is Linux only; elsewhere Drop does nothing.");
        }

        var fincore = Peers.Require("fincore");
        using var directory = new TempDirectory("write-behind");
        var path = Path.Combine(directory.Path, "instance");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0))
        {
            file.Write(RandomNumberGenerator.GetBytes(FileLength));
            file.Flush(flushToDisk: true);
            Assert.That(await ResidentBytesAsync(fincore, path), Is.GreaterThan(0), "just written, the file is in the page cache");

            WriteBehind.Drop(file.SafeFileHandle);
        }

        Assert.That(await ResidentBytesAsync(fincore, path), Is.Zero);
    }

    private static async Task<long> ResidentBytesAsync(string fincore, string path)
    {
        var result = await ProcessRunner.RunAsync(fincore, ["--bytes", "--noheadings", "--output", "RES", path], timeout: TimeSpan.FromSeconds(30));
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        return long.Parse(result.StdOut.Trim(), CultureInfo.InvariantCulture);
    }
}
