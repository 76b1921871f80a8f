using System.Diagnostics;
using LiteDB;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;
using NUnit.Framework;

namespace NodeAgent.Tests.Support;

/// <summary>
/// What the agent keeps in its data directory (spool, store, quarantine, index, site secret; COMMON layout), read
/// from outside the process the way an auditor would: files and the LiteDB index opened read-only.
/// </summary>
public static class DataDirectory
{
    /// <summary>The stored files, <c>store/&lt;study&gt;/&lt;series&gt;/&lt;instance&gt;.dcm</c>.</summary>
    public static IReadOnlyList<string> StoredFiles(string data) => Files(Path.Combine(data, "store"), "*.dcm");

    /// <summary>The instances still in the spool.</summary>
    public static IReadOnlyList<string> SpoolFiles(string data) => Files(Path.Combine(data, "spool"), "*.dcm");

    /// <summary>Everything in quarantine (instances and reason files).</summary>
    public static IReadOnlyList<string> QuarantineFiles(string data) => Files(Path.Combine(data, "quarantine"), "*");

    /// <summary>
    /// Polls (every 100 ms) until the spool holds no instance and the store at least <paramref name="expected"/>
    /// files; fails with the agent's output when it does not happen within <paramref name="timeout"/>, when the
    /// agent exits, or when something lands in quarantine and <paramref name="quarantineAllowed"/> is false.
    /// </summary>
    public static async Task WaitUntilIngestedAsync(AgentProcess agent, int expected, TimeSpan timeout, bool quarantineAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var spooled = SpoolFiles(agent.DataDirectory).Count;
            var stored = StoredFiles(agent.DataDirectory).Count;
            var quarantined = QuarantineFiles(agent.DataDirectory);
            if (!quarantineAllowed && quarantined.Count > 0)
            {
                Assert.Fail($"instances were quarantined: {string.Join(", ", quarantined.Select(Path.GetFileName))}\n{Reasons(agent.DataDirectory)}\n{agent.Output}");
            }

            if (spooled == 0 && stored >= expected)
            {
                return;
            }

            if (agent.HasExited || clock.Elapsed > timeout)
            {
                Assert.Fail($"after {clock.Elapsed.TotalSeconds:F1} s: {spooled} in the spool, {stored} of {expected} stored, agent exited: {agent.HasExited}\n{agent.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The quarantine's reason files, for failure messages.</summary>
    public static string Reasons(string data) =>
        string.Join('\n', Files(Path.Combine(data, "quarantine"), "*.reason.json").Select(File.ReadAllText));

    /// <summary>
    /// The instance documents of <c>index.db</c>. LiteDB opens its file exclusively, so the agent must be stopped.
    /// The field names are those of NodeAgent.Core.Index.InstanceBson.
    /// </summary>
    public static IReadOnlyList<IndexRow> ReadIndex(string data)
    {
        var connection = new ConnectionString { Filename = Path.Combine(data, "index.db"), Connection = ConnectionType.Direct, ReadOnly = true };
        using var database = new LiteDatabase(connection);
        return database.GetCollection("instances").FindAll().Select(d => new IndexRow(
            d["_id"].AsString, d["sop"].AsString, d["series"].AsString, d["study"].AsString, d["patient"].AsString, d["path"].AsString, d["sha256"].AsString)).ToList();
    }

    /// <summary>The pseudonyms the agent makes: from the site secret, the way the pipeline builds them (prefix aside).</summary>
    public static Pseudonyms SitePseudonyms(string data) => new(File.ReadAllBytes(Path.Combine(data, "site.secret")));

    /// <summary>The SOP Instance UID of every stored file.</summary>
    public static IReadOnlyList<string> StoredSopInstanceUids(string data) =>
        StoredFiles(data).Select(path => DicomFile.Open(path).Dataset.GetString(DicomTags.SOPInstanceUID) ?? "").ToList();

    private static List<string> Files(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
}
