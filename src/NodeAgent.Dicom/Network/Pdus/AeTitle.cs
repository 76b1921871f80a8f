namespace NodeAgent.Dicom.Network.Pdus;

/// <summary>Rules for Application Entity titles as they travel in the A-ASSOCIATE PDUs (PS3.5 §6.2, VR AE; PS3.8 Table 9-11).</summary>
public static class AeTitle
{
    /// <summary>The width of the AE title fields in the A-ASSOCIATE-RQ/AC PDUs; shorter titles are padded with spaces.</summary>
    public const int MaxLength = 16;

    /// <summary>
    /// True when <paramref name="value"/> can be sent: 1 to 16 characters of the default repertoire (printable ASCII),
    /// no backslash (the value delimiter) and no control characters, and not only spaces.
    /// Titles decoded from a peer are trimmed but not checked, so an SCP should test them with this before echoing them back.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var hasNonSpace = false;
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '\\')
            {
                return false;
            }

            hasNonSpace |= c != ' ';
        }

        return hasNonSpace;
    }
}
