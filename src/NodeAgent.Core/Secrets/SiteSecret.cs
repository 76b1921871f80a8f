using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NodeAgent.Core.Storage;

namespace NodeAgent.Core.Secrets;

/// <summary>
/// The site secret (DESIGN decision 3): 32 random bytes in <c>&lt;data&gt;/site.secret</c>, raw binary, owner-only.
/// Pseudonyms are keyed with it (through <see cref="Deidentification.Pseudonyms"/>); other uses take a key derived
/// for their purpose (<see cref="DeriveKey"/>), so no two uses share key material. A fingerprint of the secret is kept
/// beside it (<c>site.secret.fingerprint</c>), so a replaced secret is noticed before it changes every pseudonym.
/// </summary>
public sealed class SiteSecret
{
    /// <summary>The secret's file name in the data directory.</summary>
    public const string FileName = "site.secret";

    /// <summary>The fingerprint's file name in the data directory.</summary>
    public const string FingerprintFileName = "site.secret.fingerprint";

    /// <summary>The length of a secret this class creates, in bytes.</summary>
    public const int Length = 32;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _secret;

    private SiteSecret(byte[] secret)
    {
        _secret = secret;
    }

    /// <summary>The secret's bytes. Never log them or put them in a message.</summary>
    public ReadOnlySpan<byte> Bytes => _secret;

    /// <summary>
    /// The fingerprint: <see cref="DeriveKey"/>("fingerprint") in lower-case hex. It identifies the secret without
    /// revealing it (HMAC is one-way), so it may be stored and compared.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(DeriveKey("fingerprint"));

    /// <summary>A secret over bytes held elsewhere (tests, tools); copied.</summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="Deidentification.Pseudonyms.MinimumSecretLength"/> bytes.</exception>
    public static SiteSecret FromBytes(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < Deidentification.Pseudonyms.MinimumSecretLength)
        {
            throw new ArgumentException(
                $"A site secret has at least {Deidentification.Pseudonyms.MinimumSecretLength} bytes; this one has {secret.Length}.", nameof(secret));
        }

        return new SiteSecret(secret.ToArray());
    }

    /// <summary>A key for one purpose: HMAC-SHA256(secret, "nodeagent|" + purpose), 32 bytes.</summary>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("nodeagent|" + purpose));
    }

    /// <summary>
    /// The secret of the agent's data directory, by the start-up rules: when the file is missing and
    /// <paramref name="indexHoldsData"/> is false (a new, empty data directory), it is created owner-only and the
    /// creation logged; when it is missing while data exists, changed since its fingerprint was written, readable or
    /// writable by group or others, or malformed, the agent must not start.
    /// </summary>
    /// <param name="dataDirectory">The data directory (created when missing).</param>
    /// <param name="indexHoldsData">True when the index holds at least one instance.</param>
    /// <param name="logger">Where the creation is reported.</param>
    /// <exception cref="SiteSecretException">A rule is broken; the message names the file and the rule.</exception>
    public static SiteSecret LoadOrCreate(string dataDirectory, bool indexHoldsData, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (!File.Exists(path))
        {
            if (indexHoldsData)
            {
                throw new SiteSecretException(path,
                    "the site secret is missing but the index already holds data; pseudonyms made with a new secret would not match the stored ones. Restore the secret from the backup");
            }

            if (File.Exists(FingerprintPath(path)))
            {
                throw new SiteSecretException(path,
                    $"the site secret is missing but its fingerprint ({FingerprintFileName}) is there, so data was pseudonymised with it. Restore the secret from the backup");
            }

            var created = Create(path);
            CoreLog.SiteSecretCreated(logger, path);
            return created;
        }

        return Load(dataDirectory);
    }

    /// <summary>
    /// Reads the existing secret of a data directory (CLI verbs), checking its permissions and its fingerprint; writes
    /// the fingerprint when it is missing.
    /// </summary>
    /// <exception cref="SiteSecretException">The file is missing, readable by others, malformed, or changed.</exception>
    public static SiteSecret Load(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (!File.Exists(path))
        {
            throw new SiteSecretException(path, "the site secret does not exist; run `nodeagent init` or start the agent once on an empty data directory");
        }

        CheckOwnerOnly(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiteSecretException(path, $"the site secret cannot be read ({e.GetType().Name})");
        }

        if (bytes.Length < Deidentification.Pseudonyms.MinimumSecretLength)
        {
            throw new SiteSecretException(path,
                $"the site secret must hold at least {Deidentification.Pseudonyms.MinimumSecretLength} bytes; it holds {bytes.Length}");
        }

        var secret = new SiteSecret(bytes);
        CheckFingerprint(path, secret);
        return secret;
    }

    /// <summary>Creates a new secret at <paramref name="path"/> and its fingerprint beside it.</summary>
    private static SiteSecret Create(string path)
    {
        var secret = new SiteSecret(RandomNumberGenerator.GetBytes(Length));
        WriteOwnerOnly(path, secret._secret);
        WriteOwnerOnly(FingerprintPath(path), Encoding.ASCII.GetBytes(secret.Fingerprint + "\n"));
        return secret;
    }

    private static void CheckFingerprint(string path, SiteSecret secret)
    {
        var fingerprintPath = FingerprintPath(path);
        var actual = secret.Fingerprint;
        if (!File.Exists(fingerprintPath))
        {
            // A secret copied in by hand, or a crash between the two writes: remember this one from now on.
            WriteOwnerOnly(fingerprintPath, Encoding.ASCII.GetBytes(actual + "\n"));
            return;
        }

        var expected = File.ReadAllText(fingerprintPath).Trim();
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new SiteSecretException(path,
                $"the site secret has changed since data was pseudonymised with it (its fingerprint no longer matches {FingerprintFileName}); every pseudonym would change. Restore the original secret");
        }
    }

    private static void CheckOwnerOnly(string path)
    {
        // Windows has no POSIX mode bits; there the data directory's ACL (set by the installer) protects the secret.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new SiteSecretException(path,
                $"the site secret is accessible to group or others (mode {ModeText(mode)}); it must be owner-only: chmod 600 {path}");
        }
    }

    private static string ModeText(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    private static string FingerprintPath(string secretPath) =>
        Path.Combine(Path.GetDirectoryName(secretPath)!, FingerprintFileName);

    // Created owner-only from the first instant (the mode is given to open(2), not set afterwards), written to a
    // temporary name, fsync'd, renamed, and the directory fsync'd.
    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = Storage.OwnerOnly.WhenCreated(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None });

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        DirectorySync.Flush(directory);
    }
}
