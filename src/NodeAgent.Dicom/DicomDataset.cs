using System.Collections;
using NodeAgent.Dicom.Text;

namespace NodeAgent.Dicom;

/// <summary>
/// A data set: items kept in ascending tag order, as PS3.5 §7.1 requires them to be encoded.
/// Nested data sets (sequence items) inherit the character set of the data set that holds them unless they
/// carry their own Specific Character Set.
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomItem>
{
    private readonly List<DicomItem> _items = [];
    private DicomCharacterSet? _characterSet;
    private DicomDataset? _parent;

    /// <summary>Creates an empty data set.</summary>
    public DicomDataset()
    {
    }

    /// <summary>Creates a data set holding the given items.</summary>
    public DicomDataset(params IEnumerable<DicomItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            AddOrUpdate(item);
        }
    }

    /// <summary>The number of top-level items.</summary>
    public int Count => _items.Count;

    /// <summary>The data set holding the sequence this data set is an item of, if any.</summary>
    public DicomDataset? Parent
    {
        get => _parent;
        internal set
        {
            _parent = value;
            InvalidateCharacterSet();
        }
    }

    /// <summary>
    /// The character set that decodes this data set's text: its own Specific Character Set (0008,0005), or the
    /// one inherited from <see cref="Parent"/>, or the default repertoire.
    /// </summary>
    public DicomCharacterSet CharacterSet => _characterSet ??= ResolveCharacterSet();

    /// <summary>The item with this tag, or null.</summary>
    public DicomItem? this[DicomTag tag] => TryGet(tag, out var item) ? item : null;

    /// <summary>True when an item with the tag is present.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>Finds the item with the tag.</summary>
    public bool TryGet(DicomTag tag, out DicomItem item)
    {
        var index = IndexOf(tag);
        item = index >= 0 ? _items[index] : null!;
        return index >= 0;
    }

    /// <summary>Finds the item with the tag when it is of type <typeparamref name="T"/>.</summary>
    public T? Get<T>(DicomTag tag) where T : DicomItem => this[tag] as T;

    /// <summary>Adds the item, replacing any item with the same tag.</summary>
    public DicomDataset AddOrUpdate(DicomItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_items.Count == 0 || _items[^1].Tag < item.Tag)
        {
            _items.Add(item);
        }
        else
        {
            var index = IndexOf(item.Tag);
            if (index >= 0)
            {
                Detach(_items[index]);
                _items[index] = item;
            }
            else
            {
                _items.Insert(~index, item);
            }
        }

        Attach(item);
        return this;
    }

    /// <summary>Removes the item with the tag; returns whether one was present.</summary>
    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        Detach(_items[index]);
        _items.RemoveAt(index);
        return true;
    }

    /// <summary>Removes every item the predicate selects; returns how many were removed.</summary>
    public int RemoveAll(Predicate<DicomItem> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var removed = _items.RemoveAll(item =>
        {
            if (!match(item))
            {
                return false;
            }

            Detach(item);
            return true;
        });
        return removed;
    }

    /// <summary>Removes every item.</summary>
    public void Clear()
    {
        foreach (var item in _items)
        {
            Detach(item);
        }

        _items.Clear();
    }

    /// <inheritdoc/>
    public IEnumerator<DicomItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(DicomTag tag)
    {
        int low = 0, high = _items.Count - 1;
        var key = tag.Value;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var probe = _items[middle].Tag.Value;
            if (probe == key)
            {
                return middle;
            }

            if (probe < key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private void Attach(DicomItem item)
    {
        if (item is DicomSequence sequence)
        {
            sequence.Owner = this;
        }
        else if (item.Tag == SpecificCharacterSetTag)
        {
            InvalidateCharacterSet();
        }
    }

    private void Detach(DicomItem item)
    {
        if (item is DicomSequence sequence)
        {
            sequence.Owner = null;
        }
        else if (item.Tag == SpecificCharacterSetTag)
        {
            InvalidateCharacterSet();
        }
    }

    private void InvalidateCharacterSet()
    {
        _characterSet = null;
        foreach (var item in _items)
        {
            if (item is DicomSequence sequence)
            {
                foreach (var child in sequence.Items)
                {
                    child.InvalidateCharacterSet();
                }
            }
        }
    }

    private DicomCharacterSet ResolveCharacterSet()
    {
        if (TryGet(SpecificCharacterSetTag, out var item) && item is DicomElement element)
        {
            var text = System.Text.Encoding.ASCII.GetString(element.Data.ReadAll().Span);
            return DicomCharacterSet.FromTerms(text.TrimEnd(' ', '\0').Split('\\'));
        }

        return Parent?.CharacterSet ?? DicomCharacterSet.Default;
    }

    private static readonly DicomTag SpecificCharacterSetTag = new(0x0008, 0x0005);
}
