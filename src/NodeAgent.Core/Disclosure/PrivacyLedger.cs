using System.Runtime.InteropServices;
using LiteDB;

namespace NodeAgent.Core.Disclosure;

/// <summary>
/// The privacy state kept per requester in <c>&lt;data&gt;/privacy.db</c>: the ε ledger (one entry per answered query
/// that spent ε) and the differencing guard's history (the patient set of each answered query as a sorted array of
/// 64-bit keyed hashes, never a patient key). Both look back over the policy's rolling window; the history keeps at
/// most <see cref="DisclosurePolicy.DifferencingHistory"/> queries per requester (the oldest go first), so a
/// requester can escape the guard by asking more than that many queries in between, which the ε budget and the
/// audit log make visible. Not thread-safe on its own: <see cref="Query.QueryService"/> serialises its use.
/// </summary>
public sealed class PrivacyLedger : IDisposable
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "privacy.db";

    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _epsilon;
    private readonly ILiteCollection<BsonDocument> _answered;

    private PrivacyLedger(LiteDatabase database, bool readOnly)
    {
        _database = database;
        _epsilon = database.GetCollection("epsilon");
        _answered = database.GetCollection("answered");
        if (!readOnly)
        {
            _epsilon.EnsureIndex("requester");
            _answered.EnsureIndex("requester");
            _answered.EnsureIndex("count");
        }
    }

    /// <summary>
    /// Opens <see cref="FileName"/> in the data directory, creating it when missing; read-only (for the local preview
    /// of <c>nodeagent query --local</c>) returns null when there is no file yet.
    /// </summary>
    public static PrivacyLedger? OpenInDirectory(string dataDirectory, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (readOnly && !File.Exists(path))
        {
            return null;
        }

        Directory.CreateDirectory(dataDirectory);
        var connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            ReadOnly = readOnly,
            // Requester ids compare as bytes; the invariant culture because the executable runs with InvariantGlobalization.
            Collation = new Collation(System.Globalization.CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal),
        };
        var database = new LiteDatabase(connection);
        try
        {
            return new PrivacyLedger(database, readOnly);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Opens (creating when missing) <see cref="FileName"/> in the data directory for writing.</summary>
    public static PrivacyLedger OpenInDirectory(string dataDirectory) => OpenInDirectory(dataDirectory, readOnly: false)!;

    /// <summary>The ε the requester spent in the window ending at <paramref name="now"/>.</summary>
    public double Spent(string requester, DateTimeOffset now, TimeSpan window) =>
        Charges(requester, now, window).Sum(c => c.Epsilon);

    /// <summary>
    /// When enough of the requester's spending leaves the window for <paramref name="needed"/> more ε to fit in the
    /// budget; null when it fits now.
    /// </summary>
    public DateTimeOffset? FreesUpAt(string requester, double needed, double budget, DateTimeOffset now, TimeSpan window)
    {
        var charges = Charges(requester, now, window).OrderBy(c => c.Time).ToList();
        var spent = charges.Sum(c => c.Epsilon);
        foreach (var charge in charges)
        {
            if (spent + needed <= budget + 1e-9)
            {
                break;
            }

            spent -= charge.Epsilon;
            if (spent + needed <= budget + 1e-9)
            {
                return charge.Time + window;
            }
        }

        return spent + needed <= budget + 1e-9 ? null : now + window;
    }

    /// <summary>Records that the query spent ε.</summary>
    public void Charge(string requester, string queryId, double epsilon, DateTimeOffset now)
    {
        _epsilon.Insert(new BsonDocument
        {
            ["requester"] = requester,
            ["query"] = queryId,
            ["ticks"] = now.UtcTicks,
            ["epsilon"] = epsilon,
        });
    }

    /// <summary>The requesters with spending in the window (for the remaining-ε gauge).</summary>
    public IReadOnlyList<string> Requesters(DateTimeOffset now, TimeSpan window)
    {
        var since = (now - window).UtcTicks;
        return [.. _epsilon.Find(LiteDB.Query.GT("ticks", since)).Select(d => d["requester"].AsString).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The id of an answered query of the requester whose patient set differs from <paramref name="patients"/> by
    /// more than 0 and fewer than <paramref name="k"/> patients; null when there is none. Only sets whose size is
    /// within k of this one are read (an indexed range), and each comparison stops at k differences.
    /// </summary>
    public string? FindDifferencing(string requester, ulong[] patients, int k, DateTimeOffset now, TimeSpan window)
    {
        var since = (now - window).UtcTicks;
        var query = LiteDB.Query.And(
            LiteDB.Query.EQ("requester", requester),
            LiteDB.Query.Between("count", Math.Max(0, patients.Length - k + 1), patients.Length + k - 1));
        foreach (var document in _answered.Find(query))
        {
            if (document["ticks"].AsInt64 <= since)
            {
                continue;
            }

            var other = MemoryMarshal.Cast<byte, ulong>(document["hashes"].AsBinary);
            var difference = SymmetricDifference(patients, other, k);
            if (difference > 0 && difference < k)
            {
                return document["query"].AsString;
            }
        }

        return null;
    }

    /// <summary>Records an answered query's patient set and drops what falls out of the window or the bound.</summary>
    public void RecordAnswered(string requester, string queryId, ulong[] patients, DateTimeOffset now, TimeSpan window, int bound)
    {
        _answered.Insert(new BsonDocument
        {
            ["requester"] = requester,
            ["query"] = queryId,
            ["ticks"] = now.UtcTicks,
            ["count"] = patients.Length,
            ["hashes"] = MemoryMarshal.AsBytes(patients.AsSpan()).ToArray(),
        });
        var since = (now - window).UtcTicks;
        _answered.DeleteMany(LiteDB.Query.And(LiteDB.Query.EQ("requester", requester), LiteDB.Query.LTE("ticks", since)));
        _epsilon.DeleteMany(LiteDB.Query.And(LiteDB.Query.EQ("requester", requester), LiteDB.Query.LTE("ticks", since)));
        var excess = _answered.Count(LiteDB.Query.EQ("requester", requester)) - bound;
        if (excess > 0)
        {
            var oldest = _answered.Find(LiteDB.Query.EQ("requester", requester))
                .OrderBy(d => d["ticks"].AsInt64).Take(excess).Select(d => d["_id"]).ToList();
            foreach (var id in oldest)
            {
                _answered.Delete(id);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _database.Dispose();

    // |A Δ B| of two sorted distinct arrays, counting no further than the limit.
    private static int SymmetricDifference(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int limit)
    {
        int i = 0, j = 0, difference = 0;
        while ((i < a.Length || j < b.Length) && difference < limit)
        {
            if (j == b.Length || i < a.Length && a[i] < b[j])
            {
                i++;
                difference++;
            }
            else if (i == a.Length || b[j] < a[i])
            {
                j++;
                difference++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return difference;
    }

    private IEnumerable<(DateTimeOffset Time, double Epsilon)> Charges(string requester, DateTimeOffset now, TimeSpan window)
    {
        var since = (now - window).UtcTicks;
        return _epsilon.Find(LiteDB.Query.And(LiteDB.Query.EQ("requester", requester), LiteDB.Query.GT("ticks", since)))
            .Select(d => (new DateTimeOffset(d["ticks"].AsInt64, TimeSpan.Zero), d["epsilon"].AsDouble));
    }
}
