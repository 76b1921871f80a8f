namespace NodeAgent.Testing;

/// <summary>The part of a DICOM file a record was printed in, from dcmdump's <c># Dicom-…</c> header comments.</summary>
public enum DcmdumpSection
{
    /// <summary>No section header preceded the record (for example the output of <c>+P</c> alone).</summary>
    None,

    /// <summary>After <c># Dicom-Meta-Information-Header</c>: the File Meta Information, group 0002 (PS3.10 §7.1).</summary>
    FileMeta,

    /// <summary>After <c># Dicom-Data-Set</c>: the data set proper.</summary>
    DataSet,
}
