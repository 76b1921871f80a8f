namespace NodeAgent.Core.Query;

/// <summary>
/// Dictionary encoding of one string column: each distinct value gets a dense code, in order of first appearance.
/// Codes are never reused or removed (a value no series holds any more keeps its code; it just matches no row).
/// </summary>
internal sealed class ValueDictionary
{
    private readonly List<string> _values = [];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public string this[int code] => _values[code];

    public int Encode(string value)
    {
        if (!_codes.TryGetValue(value, out var code))
        {
            code = _values.Count;
            _values.Add(value);
            _codes.Add(value, code);
        }

        return code;
    }

    public bool TryGetCode(string value, out int code) => _codes.TryGetValue(value, out code);
}
