namespace NodeAgent.Dicom;

/// <summary>A sequence of items (VR SQ); each item is a nested data set.</summary>
public sealed class DicomSequence : DicomItem
{
    private readonly List<DicomDataset> _items = [];

    /// <summary>Creates a sequence, optionally with items.</summary>
    public DicomSequence(DicomTag tag, params IEnumerable<DicomDataset> items) : base(tag, DicomVR.SQ)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<DicomDataset> Items => _items;

    /// <summary>Appends an item; the item's character set is inherited from the data set holding this sequence.</summary>
    public void Add(DicomDataset item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
        item.Parent = Owner;
    }

    /// <summary>The data set this sequence belongs to, set when it is added to one.</summary>
    internal DicomDataset? Owner
    {
        get => _owner;
        set
        {
            _owner = value;
            foreach (var item in _items)
            {
                item.Parent = value;
            }
        }
    }

    private DicomDataset? _owner;
}
