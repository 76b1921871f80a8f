namespace NodeAgent.Testing;

/// <summary>What one line (or one multi-line value) of dcmdump output stands for.</summary>
public enum DcmdumpRecordKind
{
    /// <summary>A data element with a value (or with none): VR and value as dcmdump printed them.</summary>
    Element,

    /// <summary>A sequence (VR SQ, or an undefined-length UN read as a sequence per CP-246); its items follow one level deeper.</summary>
    Sequence,

    /// <summary>An item (FFFE,E000) of a sequence, printed with VR <c>na</c>; its elements follow one level deeper.</summary>
    Item,

    /// <summary>An Item Delimitation Item (FFFE,E00D). dcmdump prints one after every item, "for re-encoding" when the item had an explicit length.</summary>
    ItemDelimitation,

    /// <summary>A Sequence Delimitation Item (FFFE,E0DD), printed after every sequence and encapsulated pixel data.</summary>
    SequenceDelimitation,

    /// <summary>Encapsulated pixel data (<c>(PixelSequence #=n)</c>); its fragments follow one level deeper.</summary>
    PixelSequence,

    /// <summary>A fragment of encapsulated pixel data: an item (FFFE,E000) printed with VR <c>pi</c>; the first is the Basic Offset Table.</summary>
    Fragment,
}
