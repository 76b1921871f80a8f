using System.Globalization;

namespace NodeAgent.Dicom;

/// <summary>Parsing of the DA, TM and DT value representations (PS3.5 Table 6.2-1).</summary>
public static class DicomDateTime
{
    /// <summary>Parses a DA value, YYYYMMDD; the retired ACR-NEMA form YYYY.MM.DD is accepted too.</summary>
    public static DateOnly ParseDate(string text, DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Trim().Replace(".", "", StringComparison.Ordinal);
        if (digits.Length == 8 && DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new DicomValueException($"'{text}' is not a DA value (YYYYMMDD)", tag);
    }

    /// <summary>Parses a TM value, HH[MM[SS[.FFFFFF]]]; the retired form with colons is accepted too.</summary>
    public static TimeOnly ParseTime(string text, DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().Replace(":", "", StringComparison.Ordinal);
        if (TryParseTime(value, out var time))
        {
            return time;
        }

        throw new DicomValueException($"'{text}' is not a TM value (HHMMSS.FFFFFF)", tag);
    }

    /// <summary>Parses a DT value, YYYY[MM[DD[HH[MM[SS[.F]]]]]][&amp;ZZXX]; without an offset it is taken as UTC.</summary>
    public static DateTimeOffset ParseDateTime(string text, DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var offset = TimeSpan.Zero;
        var sign = value.IndexOfAny(['+', '-'], 4);
        if (sign > 0)
        {
            var zone = value[(sign + 1)..];
            if (zone.Length != 4 || !int.TryParse(zone, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            {
                throw new DicomValueException($"'{text}' has a malformed UTC offset", tag);
            }

            offset = new TimeSpan(hhmm / 100, hhmm % 100, 0) * (value[sign] == '-' ? -1 : 1);
            value = value[..sign];
        }

        if (value.Length < 4 || !int.TryParse(value[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new DicomValueException($"'{text}' is not a DT value", tag);
        }

        int month = Part(value, 4, 1), day = Part(value, 6, 1);
        var time = TimeOnly.MinValue;
        if (value.Length > 8 && !TryParseTime(value[8..], out time))
        {
            throw new DicomValueException($"'{text}' is not a DT value", tag);
        }

        try
        {
            return new DateTimeOffset(new DateOnly(year, month, day), time, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new DicomValueException($"'{text}' is not a valid DT value", tag);
        }

        int Part(string digits, int start, int fallback) =>
            digits.Length >= start + 2 && int.TryParse(digits.AsSpan(start, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var part)
                ? part
                : fallback;
    }

    private static bool TryParseTime(string value, out TimeOnly time)
    {
        time = default;
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var whole = dot >= 0 ? value[..dot] : value;
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit))
        {
            return false;
        }

        var hour = int.Parse(whole.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minute = whole.Length >= 4 ? int.Parse(whole.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
        var second = whole.Length == 6 ? int.Parse(whole.AsSpan(4, 2), CultureInfo.InvariantCulture) : 0;
        long ticks = 0;
        if (dot >= 0)
        {
            var fraction = value[(dot + 1)..];
            if (fraction.Length is 0 or > 6 || !fraction.All(char.IsAsciiDigit))
            {
                return false;
            }

            ticks = long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture);
        }

        // PS3.5 allows a leap second (60); .NET does not, so it is folded into 59.
        second = Math.Min(second, 59);
        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(ticks));
        return true;
    }
}
