using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NodeAgent.Core.Index;

namespace NodeAgent.Core.Query;

/// <summary>
/// The query engine's in-memory columnar copy of the index's series rollups (DESIGN decision 7): one row per series,
/// text dimensions dictionary-encoded as <c>int</c> codes, numeric dimensions as <c>double</c> with NaN for missing,
/// and the patient, study and instance-count columns. Loaded once from <see cref="IInstanceIndex.GetSeriesRollups"/>
/// and kept current with <see cref="Apply"/> from <see cref="IndexWriter.Committed"/>. Queries share a read lock and
/// commits take the write lock, so a query sees a commit entirely or not at all; a commit waits for the running
/// queries (each one pass, milliseconds).
/// </summary>
public sealed partial class RollupTable : IDisposable
{
    private static readonly QueryDimension[] TextDimensions = [.. QueryDimensions.All.Where(d => d.Kind == DimensionKind.Text)];
    private static readonly QueryDimension[] NumericDimensions = [.. QueryDimensions.All.Where(d => d.Kind == DimensionKind.Numeric)];

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly byte[] _patientHashKey;
    private readonly Dictionary<string, int> _rowOf = new(StringComparer.Ordinal);
    private readonly ValueDictionary[] _textValues = [.. TextDimensions.Select(_ => new ValueDictionary())];
    private readonly ValueDictionary _patients = new();
    private readonly ValueDictionary _studies = new();
    private readonly int[][] _text = new int[TextDimensions.Length][];
    private readonly double[][] _numbers = new double[NumericDimensions.Length][];
    private ulong[] _patientHashes = [];
    private string[] _seriesKeys = [];
    private int[] _patient = [];
    private int[] _study = [];
    private int[] _instances = [];
    private ulong[] _seriesHashes = [];
    private int _count;

    /// <summary>Builds the table from rollups.</summary>
    /// <param name="rollups">The series rollups.</param>
    /// <param name="patientHashKey">
    /// The key of the 64-bit hashes of patient and series keys: the differencing guard keeps patient sets as such
    /// hashes (never a patient key), and a cell's noise is keyed by the sum of its series' hashes
    /// (see <see cref="Disclosure.DisclosureKeys.PatientSet"/>).
    /// </param>
    public RollupTable(IEnumerable<SeriesRollup> rollups, byte[] patientHashKey)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(patientHashKey);
        _patientHashKey = [.. patientHashKey];
        for (var i = 0; i < _text.Length; i++)
        {
            _text[i] = [];
        }

        for (var i = 0; i < _numbers.Length; i++)
        {
            _numbers[i] = [];
        }

        foreach (var rollup in rollups)
        {
            Upsert(rollup);
        }
    }

    /// <summary>How many series the table holds.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Loads every rollup of the index.</summary>
    public static RollupTable Load(IInstanceIndex index, byte[] patientHashKey)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new RollupTable(index.GetSeriesRollups(), patientHashKey);
    }

    /// <summary>Applies a committed batch: changed series replace their rows (or are added), removed ones go.</summary>
    public void Apply(IndexCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        _lock.EnterWriteLock();
        try
        {
            foreach (var key in commit.RemovedSeries)
            {
                Remove(key);
            }

            foreach (var rollup in commit.ChangedSeries)
            {
                Upsert(rollup);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    private void Upsert(SeriesRollup rollup)
    {
        if (!_rowOf.TryGetValue(rollup.SeriesKey, out var row))
        {
            row = _count++;
            EnsureCapacity(_count);
            _rowOf.Add(rollup.SeriesKey, row);
            _seriesKeys[row] = rollup.SeriesKey;
            _seriesHashes[row] = Hash("series|", rollup.SeriesKey);
        }

        for (var i = 0; i < TextDimensions.Length; i++)
        {
            _text[i][row] = _textValues[i].Encode(TextDimensions[i].TextOf(rollup.Dimensions));
        }

        for (var i = 0; i < NumericDimensions.Length; i++)
        {
            _numbers[i][row] = NumericDimensions[i].NumberOf(rollup.Dimensions);
        }

        var patient = _patients.Encode(rollup.PatientKey);
        if (patient == _patientHashes.Length)
        {
            Array.Resize(ref _patientHashes, Math.Max(16, _patientHashes.Length * 2));
        }

        if (patient == _patients.Count - 1)
        {
            _patientHashes[patient] = Hash("patient|", rollup.PatientKey);
        }

        _patient[row] = patient;
        _study[row] = _studies.Encode(rollup.StudyKey);
        _instances[row] = rollup.InstanceCount;
    }

    private void Remove(string seriesKey)
    {
        if (!_rowOf.Remove(seriesKey, out var row))
        {
            return;
        }

        // Swap the last row into the hole: rows have no order.
        var last = --_count;
        if (row != last)
        {
            for (var i = 0; i < _text.Length; i++)
            {
                _text[i][row] = _text[i][last];
            }

            for (var i = 0; i < _numbers.Length; i++)
            {
                _numbers[i][row] = _numbers[i][last];
            }

            _patient[row] = _patient[last];
            _study[row] = _study[last];
            _instances[row] = _instances[last];
            _seriesKeys[row] = _seriesKeys[last];
            _seriesHashes[row] = _seriesHashes[last];
            _rowOf[_seriesKeys[row]] = row;
        }

        _seriesKeys[last] = null!;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _seriesKeys.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, Math.Max(1024, _seriesKeys.Length * 2));
        Array.Resize(ref _seriesKeys, capacity);
        Array.Resize(ref _patient, capacity);
        Array.Resize(ref _study, capacity);
        Array.Resize(ref _instances, capacity);
        Array.Resize(ref _seriesHashes, capacity);
        for (var i = 0; i < _text.Length; i++)
        {
            Array.Resize(ref _text[i], capacity);
        }

        for (var i = 0; i < _numbers.Length; i++)
        {
            Array.Resize(ref _numbers[i], capacity);
        }
    }

    // A 64-bit keyed hash of a pseudonymised key; the prefix keeps patient and series hashes apart.
    private ulong Hash(string prefix, string key)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_patientHashKey, Encoding.UTF8.GetBytes(prefix + key), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
