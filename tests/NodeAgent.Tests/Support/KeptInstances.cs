using System.Security.Cryptography;
using System.Text;
using NodeAgent.Core.Index;
using NodeAgent.Core.Quarantine;
using NodeAgent.Core.Secrets;
using NodeAgent.Dicom;

namespace NodeAgent.Tests.Support;

/// <summary>
/// Where a stopped agent keeps an acknowledged instance: still in the spool, stored and indexed by the pipeline (found by
/// its instance key, since the stored file is pseudonymised), or in quarantine. LiteDB opens its file exclusively, so
/// the agent must have stopped.
/// </summary>
public static class KeptInstances
{
    /// <summary>The original SOP Instance UIDs among <paramref name="uids"/> that are kept nowhere.</summary>
    public static List<string> Missing(string dataDirectory, IEnumerable<string> uids)
    {
        var quarantine = Path.Combine(dataDirectory, QuarantineDirectory.DirectoryName);
        var originals = Directory.GetFiles(Path.Combine(dataDirectory, "spool"), "*.dcm")
            .Concat(Directory.Exists(quarantine) ? Directory.GetFiles(quarantine, "*.dcm") : [])
            .Select(p => DicomFile.Open(p).Dataset.GetString(DicomTags.SOPInstanceUID))
            .ToHashSet(StringComparer.Ordinal);
        var indexPath = Path.Combine(dataDirectory, LiteDbInstanceIndex.FileName);
        if (!File.Exists(indexPath))
        {
            return uids.Where(uid => !originals.Contains(uid)).ToList();
        }

        // The pipeline's instance key: hex HMAC-SHA256 of the original SOP Instance UID under DeriveKey("instance-key").
        var key = SiteSecret.Load(dataDirectory).DeriveKey("instance-key");
        using var index = LiteDbInstanceIndex.Open(indexPath, readOnly: true);
        return uids.Where(uid => !originals.Contains(uid)
            && !index.Contains(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(uid))))).ToList();
    }
}
