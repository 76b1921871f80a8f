using System.Globalization;

namespace NodeAgent.Core.Deidentification;

/// <summary>
/// Shifting and checking the temporal VRs (PS3.5 Table 6.2-1) for the Retain Longitudinal Temporal Information with
/// Modified Dates Option (PS3.15 E.3.6): a DA or DT value moves by whole days and stays a valid value of its VR at the
/// precision it had; a TM value holds no date and is kept when it is a valid time.
/// </summary>
internal static class TemporalValues
{
    /// <summary>
    /// Shifts a DA value: YYYYMMDD, the ACR-NEMA form YYYY.MM.DD (written back as YYYYMMDD), or a range with '-'.
    /// False when it is no date or the shift leaves the calendar.
    /// </summary>
    public static bool TryShiftDate(string value, int days, out string shifted)
    {
        shifted = string.Empty;
        var text = value.Trim(' ', '\0');
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return TryShiftSingleDate(text, days, out shifted);
        }

        // A range (PS3.4 C.2.2.2.5.1): "A-B", "-B" or "A-"; each given end is shifted.
        var low = text[..dash];
        var high = text[(dash + 1)..];
        if (high.Contains('-', StringComparison.Ordinal) || (low.Length == 0 && high.Length == 0))
        {
            return false;
        }

        var shiftedLow = string.Empty;
        var shiftedHigh = string.Empty;
        if ((low.Length > 0 && !TryShiftSingleDate(low, days, out shiftedLow))
            || (high.Length > 0 && !TryShiftSingleDate(high, days, out shiftedHigh)))
        {
            return false;
        }

        shifted = shiftedLow + "-" + shiftedHigh;
        return true;
    }

    /// <summary>
    /// Shifts the date part of a DT value, YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&amp;ZZXX], keeping its precision, its
    /// time of day and its UTC offset. A value of only YYYY or YYYYMM is shifted as the first day of that year or
    /// month. False when it is not a DT value.
    /// </summary>
    public static bool TryShiftDateTime(string value, int days, out string shifted)
    {
        shifted = string.Empty;
        var text = value.Trim(' ', '\0');
        var offsetStart = text.Length > 4 ? text.IndexOfAny(['+', '-'], 4) : -1;
        var core = offsetStart >= 0 ? text[..offsetStart] : text;
        var offset = offsetStart >= 0 ? text[offsetStart..] : string.Empty;
        if (offset.Length > 0 && (offset.Length != 5 || !AllDigits(offset.AsSpan(1))))
        {
            return false;
        }

        var dot = core.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? core[..dot] : core;
        var fraction = dot >= 0 ? core[(dot + 1)..] : string.Empty;
        if (digits.Length is not (4 or 6 or 8 or 10 or 12 or 14) || !AllDigits(digits.AsSpan())
            || (dot >= 0 && (digits.Length != 14 || fraction.Length is 0 or > 6 || !AllDigits(fraction.AsSpan()))))
        {
            return false;
        }

        if (digits.Length > 8 && !IsTime(digits[8..]))
        {
            return false;
        }

        var year = Number(digits, 0, 4);
        var month = digits.Length >= 6 ? Number(digits, 4, 2) : 1;
        var day = digits.Length >= 8 ? Number(digits, 6, 2) : 1;
        if (!TryShift(year, month, day, days, out var date))
        {
            return false;
        }

        var datePart = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)[..Math.Min(8, digits.Length)];
        shifted = datePart + text[datePart.Length..];
        return true;
    }

    /// <summary>True for a TM value HH[MM[SS[.F{1,6}]]] (the ACR-NEMA form HH:MM:SS too), or a range of them.</summary>
    public static bool IsTime(string value)
    {
        var text = value.Trim(' ', '\0');
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            var low = text[..dash];
            var high = text[(dash + 1)..];
            return (low.Length > 0 || high.Length > 0) && (low.Length == 0 || IsSingleTime(low)) && (high.Length == 0 || IsSingleTime(high));
        }

        return IsSingleTime(text);
    }

    /// <summary>True for a UTC offset &amp;ZZXX as Timezone Offset From UTC (0008,0201) holds it.</summary>
    public static bool IsUtcOffset(string value)
    {
        var text = value.Trim(' ', '\0');
        return text.Length == 5 && (text[0] is '+' or '-') && AllDigits(text.AsSpan(1));
    }

    private static bool IsSingleTime(string text)
    {
        var value = text.Length == 8 && text[2] == ':' && text[5] == ':' ? text.Replace(":", "", StringComparison.Ordinal) : text;
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var whole = dot >= 0 ? value[..dot] : value;
        var fraction = dot >= 0 ? value[(dot + 1)..] : string.Empty;
        if (whole.Length is not (2 or 4 or 6) || !AllDigits(whole.AsSpan())
            || (dot >= 0 && (whole.Length != 6 || fraction.Length is 0 or > 6 || !AllDigits(fraction.AsSpan()))))
        {
            return false;
        }

        // PS3.5 allows a leap second (60).
        return Number(whole, 0, 2) <= 23
            && (whole.Length < 4 || Number(whole, 2, 2) <= 59)
            && (whole.Length < 6 || Number(whole, 4, 2) <= 60);
    }

    private static bool TryShiftSingleDate(string text, int days, out string shifted)
    {
        shifted = string.Empty;
        var digits = text.Length == 10 && text[4] == '.' && text[7] == '.' ? text.Replace(".", "", StringComparison.Ordinal) : text;
        if (digits.Length != 8 || !AllDigits(digits.AsSpan())
            || !TryShift(Number(digits, 0, 4), Number(digits, 4, 2), Number(digits, 6, 2), days, out var date))
        {
            return false;
        }

        shifted = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryShift(int year, int month, int day, int days, out DateOnly shifted)
    {
        shifted = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var dayNumber = (long)new DateOnly(year, month, day).DayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        shifted = DateOnly.FromDayNumber((int)dayNumber);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static int Number(string digits, int start, int length) =>
        int.Parse(digits.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
