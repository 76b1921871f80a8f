namespace NodeAgent.Dicom.IO;

/// <summary>
/// The faults a tolerant read passed over. Bounded, so hostile input with a million odd lengths cannot grow it;
/// messages carry tags and offsets only, never values, so they are safe to log.
/// </summary>
internal sealed class ReadWarnings
{
    private const int Limit = 50;
    private readonly List<string> _messages = [];
    private int _dropped;

    public IReadOnlyList<string> Messages =>
        _dropped == 0 ? _messages : [.. _messages, $"… and {_dropped} more warnings"];

    public void Add(string message, long offset, DicomTag? tag = null)
    {
        if (_messages.Count >= Limit)
        {
            _dropped++;
            return;
        }

        _messages.Add(tag is { } t ? $"{message} (element {t} at byte {offset})" : $"{message} (at byte {offset})");
    }
}
