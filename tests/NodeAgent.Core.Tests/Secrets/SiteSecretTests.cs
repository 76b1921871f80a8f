using NodeAgent.Core.Secrets;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Secrets;

[TestFixture]
public sealed class SiteSecretTests
{
    [Test]
    public void LoadOrCreate_EmptyDirectory_CreatesOwnerOnlySecretAndLogsIt()
    {
        using var data = new TempDirectory("secret");
        var logger = new ListLogger();

        var secret = SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, logger);

        var path = data.Combine(SiteSecret.FileName);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(secret.Bytes.ToArray()));
        Assert.That(secret.Bytes.Length, Is.EqualTo(SiteSecret.Length));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(data.Combine(SiteSecret.FingerprintFileName)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        Assert.That(logger.WithEventId(2200), Has.Count.EqualTo(1));
        Assert.That(logger.Dump(), Does.Not.Contain(Convert.ToHexString(secret.Bytes)).IgnoreCase);
        Assert.That(Directory.GetFiles(data.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { SiteSecret.FileName, SiteSecret.FingerprintFileName }));
    }

    [Test]
    public void LoadOrCreate_SecondStart_LoadsTheSameSecret()
    {
        using var data = new TempDirectory("secret");
        var first = SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, new ListLogger());
        var logger = new ListLogger();

        var second = SiteSecret.LoadOrCreate(data.Path, indexHoldsData: true, logger);

        Assert.That(second.Bytes.ToArray(), Is.EqualTo(first.Bytes.ToArray()));
        Assert.That(logger.Entries, Is.Empty);
    }

    [Test]
    public void LoadOrCreate_MissingWhileIndexHoldsData_Refuses()
    {
        using var data = new TempDirectory("secret");

        var e = Assert.Throws<SiteSecretException>(() => SiteSecret.LoadOrCreate(data.Path, indexHoldsData: true, new ListLogger()));

        Assert.That(e!.Message, Does.Contain(SiteSecret.FileName).And.Contain("index already holds data"));
        Assert.That(File.Exists(data.Combine(SiteSecret.FileName)), Is.False);
    }

    [Test]
    public void LoadOrCreate_MissingButFingerprintPresent_Refuses()
    {
        using var data = new TempDirectory("secret");
        SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, new ListLogger());
        File.Delete(data.Combine(SiteSecret.FileName));

        Assert.Throws<SiteSecretException>(() => SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, new ListLogger()));
    }

    [Test]
    public void LoadOrCreate_SecretChanged_Refuses()
    {
        using var data = new TempDirectory("secret");
        SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, new ListLogger());
        var path = data.Combine(SiteSecret.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<SiteSecretException>(() => SiteSecret.LoadOrCreate(data.Path, indexHoldsData: true, new ListLogger()));

        Assert.That(e!.Message, Does.Contain("changed").And.Contain(path));
    }

    [Test]
    public void Load_ReadableByOthers_Refuses()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("POSIX modes only; Windows relies on the data directory's ACL.");
            return;
        }

        using var data = new TempDirectory("secret");
        SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, new ListLogger());
        var path = data.Combine(SiteSecret.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<SiteSecretException>(() => SiteSecret.LoadOrCreate(data.Path, indexHoldsData: false, new ListLogger()));

        Assert.That(e!.Message, Does.Contain("0644").And.Contain("owner-only"));
    }

    [Test]
    public void Load_TooShort_Refuses()
    {
        using var data = new TempDirectory("secret");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(data.Combine(SiteSecret.FileName), options))
        {
            stream.Write(new byte[8]);
        }

        Assert.Throws<SiteSecretException>(() => SiteSecret.Load(data.Path));
    }

    [Test]
    public void DeriveKey_DifferentPurposes_DifferentKeysAndStable()
    {
        var secret = SiteSecret.FromBytes(new byte[32]);

        var cellKey = secret.DeriveKey("cell-key");

        Assert.That(cellKey, Has.Length.EqualTo(32));
        Assert.That(cellKey, Is.Not.EqualTo(secret.DeriveKey("instance-key")));
        Assert.That(cellKey, Is.EqualTo(SiteSecret.FromBytes(new byte[32]).DeriveKey("cell-key")));
        // HMAC-SHA256(key = 32 zero bytes, "nodeagent|fingerprint"), computed independently.
        Assert.That(secret.Fingerprint, Is.EqualTo(Convert.ToHexStringLower(
            System.Security.Cryptography.HMACSHA256.HashData(new byte[32], "nodeagent|fingerprint"u8.ToArray()))));
    }
}
