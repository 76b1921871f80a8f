using LiteDB;

namespace NodeAgent.Core.Index;

/// <summary>
/// Applies one batch of entries inside the caller's transaction. Every document the batch touches is read once,
/// changed in memory, and written once at <see cref="Flush"/>: a batch of 500 instances of one series writes one
/// series document, not 500. Replacing an instance removes the old entry from its rollups before adding the new one,
/// so nothing is counted twice, even when the replacement moves the instance to another series.
/// </summary>
internal sealed class IndexBatch
{
    private readonly IndexCollections _collections;
    private readonly DateTime _indexedUtc;
    private readonly long _ticks;
    private readonly Dictionary<string, IndexedInstance?> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedInstance> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeriesState?> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParentState?> _studies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParentState?> _patients = new(StringComparer.Ordinal);

    public IndexBatch(IndexCollections collections, DateTime indexedUtc)
    {
        _collections = collections;
        _indexedUtc = indexedUtc;
        _ticks = indexedUtc.Ticks;
    }

    /// <summary>How many entries had a new instance key.</summary>
    public int Added { get; private set; }

    public IndexWriteResult Add(IndexEntry entry, IndexWriteMode mode)
    {
        var previous = FindInstance(entry.InstanceKey);
        if (previous is not null && mode == IndexWriteMode.KeepFirst)
        {
            return new IndexWriteResult(IndexWriteStatus.Ignored, previous);
        }

        if (previous is not null)
        {
            Unapply(previous.Entry);
        }
        else
        {
            Added++;
        }

        var instance = new IndexedInstance(entry, _indexedUtc);
        Apply(entry);
        _instances[entry.InstanceKey] = instance;
        _written[entry.InstanceKey] = instance;
        return new IndexWriteResult(previous is null ? IndexWriteStatus.Added : IndexWriteStatus.Replaced, previous);
    }

    /// <summary>Writes every changed document; returns the changes and the count deltas (series, studies, patients).</summary>
    public (IndexCommit Commit, int SeriesDelta, int StudyDelta, int PatientDelta) Flush()
    {
        if (_written.Count > 0)
        {
            _collections.Instances.Upsert(_written.Values.Select(InstanceBson.ToBson));
        }

        var changed = new List<SeriesRollup>();
        var removed = new List<string>();
        var seriesDelta = 0;
        foreach (var series in _series.Values.OfType<SeriesState>())
        {
            if (series.InstanceCount > 0)
            {
                ChooseRepresentative(series);
                _collections.Series.Upsert(series.ToBson());
                changed.Add(series.ToRollup());
                seriesDelta += series.Existed ? 0 : 1;
            }
            else if (series.Existed)
            {
                _collections.Series.Delete(series.Key);
                removed.Add(series.Key);
                seriesDelta--;
            }
        }

        var studyDelta = WriteParents(_studies.Values, _collections.Studies, state => state.SeriesCount > 0);
        var patientDelta = WriteParents(_patients.Values, _collections.Patients, state => state.StudyCount > 0);
        return (new IndexCommit(changed, removed), seriesDelta, studyDelta, patientDelta);
    }

    private static int WriteParents(IEnumerable<ParentState?> states, ILiteCollection<BsonDocument> collection, Func<ParentState, bool> holdsData)
    {
        var delta = 0;
        foreach (var state in states.OfType<ParentState>())
        {
            if (holdsData(state))
            {
                collection.Upsert(state.ToBson());
                delta += state.Existed ? 0 : 1;
            }
            else if (state.Existed)
            {
                collection.Delete(state.Key);
                delta--;
            }
        }

        return delta;
    }

    private void Apply(IndexEntry entry)
    {
        var series = FindSeries(entry.SeriesInstanceUid);
        if (series is null)
        {
            // A series keeps the study and patient it was first seen with; its study keeps its patient.
            var knownStudy = FindStudy(entry.StudyInstanceUid);
            series = new SeriesState(entry.SeriesInstanceUid, entry.StudyInstanceUid, knownStudy?.PatientKey ?? entry.PatientId, existed: false)
            {
                FirstTicks = _ticks,
            };
            _series[series.Key] = series;
        }

        var study = FindStudy(series.StudyKey) ?? Create(_studies, series.StudyKey, series.PatientKey);
        var patient = FindPatient(study.PatientKey!) ?? Create(_patients, study.PatientKey!, null);
        if (series.InstanceCount == 0)
        {
            // The series is new, or comes back within this batch after its last instance moved away.
            if (study.SeriesCount == 0)
            {
                patient.StudyCount++;
            }

            study.SeriesCount++;
            patient.SeriesCount++;
        }

        if (series.RepresentativeKey is null || series.RepresentativeKey == entry.InstanceKey)
        {
            series.RepresentativeKey = entry.InstanceKey;
            series.Dimensions = entry.Dimensions;
        }

        series.Add(entry, _ticks);
        foreach (var parent in new[] { study, patient })
        {
            parent.InstanceCount++;
            parent.TotalBytes += entry.Size;
            parent.LastTicks = _ticks;
        }
    }

    private void Unapply(IndexEntry entry)
    {
        // The rollups of an indexed instance exist unless the file was damaged; then there is nothing to subtract.
        var series = FindSeries(entry.SeriesInstanceUid);
        var study = series is null ? null : FindStudy(series.StudyKey);
        var patient = study?.PatientKey is null ? null : FindPatient(study.PatientKey);
        if (series is null || study is null || patient is null || series.InstanceCount == 0)
        {
            return;
        }

        series.Remove(entry);
        foreach (var parent in new[] { study, patient })
        {
            parent.InstanceCount--;
            parent.TotalBytes -= entry.Size;
        }

        if (series.InstanceCount == 0)
        {
            series.RepresentativeKey = null;
            study.SeriesCount--;
            patient.SeriesCount--;
            if (study.SeriesCount == 0)
            {
                patient.StudyCount--;
            }
        }
        else if (series.RepresentativeKey == entry.InstanceKey)
        {
            series.RepresentativeKey = null;
        }
    }

    // Runs after the instance documents are written, so the query sees this batch's instances too.
    private void ChooseRepresentative(SeriesState series)
    {
        if (series.RepresentativeKey is not null)
        {
            return;
        }

        var document = _collections.Instances.FindOne(LiteDB.Query.EQ(InstanceBson.Series, series.Key));
        if (document is not null)
        {
            var instance = InstanceBson.FromBson(document);
            series.RepresentativeKey = instance.Entry.InstanceKey;
            series.Dimensions = instance.Entry.Dimensions;
        }
    }

    private ParentState Create(Dictionary<string, ParentState?> states, string key, string? patientKey)
    {
        var state = new ParentState(key, patientKey, existed: false) { FirstTicks = _ticks, LastTicks = _ticks };
        states[key] = state;
        return state;
    }

    private IndexedInstance? FindInstance(string key) =>
        Find(_instances, key, _collections.Instances, InstanceBson.FromBson);

    private SeriesState? FindSeries(string key) => Find(_series, key, _collections.Series, SeriesState.FromBson);

    private ParentState? FindStudy(string key) => Find(_studies, key, _collections.Studies, ParentState.FromBson);

    private ParentState? FindPatient(string key) => Find(_patients, key, _collections.Patients, ParentState.FromBson);

    private static T? Find<T>(Dictionary<string, T?> cache, string key, ILiteCollection<BsonDocument> collection, Func<BsonDocument, T> read)
        where T : class
    {
        if (!cache.TryGetValue(key, out var state))
        {
            var document = collection.FindById(key);
            state = document is null ? null : read(document);
            cache[key] = state;
        }

        return state;
    }
}
