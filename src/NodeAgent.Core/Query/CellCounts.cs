namespace NodeAgent.Core.Query;

/// <summary>
/// The per-cell counters of one aggregation. Cells are numbered densely in order of first appearance (a direct
/// array from group key to cell when the key space is small, a dictionary otherwise). Distinct patients and studies
/// are counted with one bitset per cell over the dictionary codes (a test-and-set per row, no hashing), or with hash
/// sets when cells × codes would exceed <see cref="MaxBitsetWords"/>.
/// </summary>
internal sealed class CellCounts
{
    private const long MaxDirectKeys = 1 << 20;
    private const long MaxBitsetWords = 1 << 22;

    private readonly int[]? _direct;
    private readonly Dictionary<long, int>? _byKey;
    private readonly int _patientWords;
    private readonly int _studyWords;
    private readonly bool _bitsets;
    private readonly bool _studies;
    private readonly List<long> _keys = [];
    private readonly List<long> _series = [];
    private readonly List<long> _instances = [];
    private readonly List<ulong> _fingerprints = [];
    private readonly List<long> _patientCounts = [];
    private readonly List<long> _studyCounts = [];
    private readonly List<ulong[]> _patientBits = [];
    private readonly List<ulong[]> _studyBits = [];
    private readonly List<HashSet<int>> _patientSets = [];
    private readonly List<HashSet<int>> _studySets = [];

    public CellCounts(long keySpace, int patientCodes, int studyCodes)
    {
        if (keySpace <= MaxDirectKeys)
        {
            _direct = new int[keySpace];
            Array.Fill(_direct, -1);
        }
        else
        {
            _byKey = [];
        }

        _patientWords = (patientCodes + 63) >> 6;
        _studyWords = (studyCodes + 63) >> 6;
        _studies = studyCodes > 0;
        _bitsets = keySpace * (_patientWords + _studyWords) <= MaxBitsetWords;
    }

    public int Count => _keys.Count;

    public void Add(long key, int patient, int study, int instances, ulong seriesHash)
    {
        var cell = Touch(key);
        _series[cell]++;
        _instances[cell] += instances;
        // A sum (mod 2^64) does not depend on the order the rows come in.
        _fingerprints[cell] += seriesHash;
        if (_bitsets)
        {
            if (Set(_patientBits[cell], patient))
            {
                _patientCounts[cell]++;
            }

            if (_studies && Set(_studyBits[cell], study))
            {
                _studyCounts[cell]++;
            }
        }
        else
        {
            _patientSets[cell].Add(patient);
            if (_studies)
            {
                _studySets[cell].Add(study);
            }
        }
    }

    /// <summary>The cell of a key, created empty when new.</summary>
    public int Touch(long key)
    {
        int cell;
        if (_direct is not null)
        {
            cell = _direct[key];
            if (cell >= 0)
            {
                return cell;
            }

            cell = _direct[key] = _keys.Count;
        }
        else if (!_byKey!.TryGetValue(key, out cell))
        {
            cell = _keys.Count;
            _byKey.Add(key, cell);
        }
        else
        {
            return cell;
        }

        _keys.Add(key);
        _series.Add(0);
        _instances.Add(0);
        _fingerprints.Add(0);
        _patientCounts.Add(0);
        _studyCounts.Add(0);
        if (_bitsets)
        {
            _patientBits.Add(new ulong[_patientWords]);
            _studyBits.Add(_studies ? new ulong[_studyWords] : []);
        }
        else
        {
            _patientSets.Add([]);
            _studySets.Add([]);
        }

        return cell;
    }

    public IEnumerable<(long Key, long Patients, long Studies, long Series, long Instances, ulong Fingerprint)> Cells()
    {
        for (var cell = 0; cell < _keys.Count; cell++)
        {
            yield return _bitsets
                ? (_keys[cell], _patientCounts[cell], _studyCounts[cell], _series[cell], _instances[cell], _fingerprints[cell])
                : (_keys[cell], _patientSets[cell].Count, _studySets[cell].Count, _series[cell], _instances[cell], _fingerprints[cell]);
        }
    }

    private static bool Set(ulong[] bits, int code)
    {
        ref var word = ref bits[code >> 6];
        var mask = 1UL << code;
        if ((word & mask) != 0)
        {
            return false;
        }

        word |= mask;
        return true;
    }
}
