using NodeAgent.Core.Deidentification;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>Shifted dates stay valid values of their VR.</summary>
[TestFixture]
public sealed class TemporalValuesTests
{
    [TestCase("20240301", -1, "20240229")]
    [TestCase("2024.03.01", -1, "20240229")]
    [TestCase("20240101-20240131", -365, "20230101-20230131")]
    [TestCase("-20240131", -1, "-20240130")]
    public void TryShiftDate_ValidDate_Shifted(string value, int days, string expected)
    {
        Assert.That(TemporalValues.TryShiftDate(value, days, out var shifted), Is.True);
        Assert.That(shifted, Is.EqualTo(expected));
    }

    [TestCase("2024")]
    [TestCase("20241301")]
    [TestCase("20240230")]
    [TestCase("PHIMARK")]
    [TestCase("00010101")]
    public void TryShiftDate_NotADate_False(string value)
    {
        Assert.That(TemporalValues.TryShiftDate(value, -400, out _), Is.False);
    }

    [TestCase("20240301120000", -1, "20240229120000")]
    [TestCase("20240301120000.5-0500", -1, "20240229120000.5-0500")]
    [TestCase("202403", -1, "202402")]
    [TestCase("2024", -1, "2023")]
    [TestCase("2024030112", -1, "2024022912")]
    public void TryShiftDateTime_ValidDateTime_ShiftedAtItsPrecision(string value, int days, string expected)
    {
        Assert.That(TemporalValues.TryShiftDateTime(value, days, out var shifted), Is.True);
        Assert.That(shifted, Is.EqualTo(expected));
    }

    [TestCase("2024030125")]
    [TestCase("20240301120000+5")]
    [TestCase("202403011200.5")]
    [TestCase("PHIM00080015")]
    public void TryShiftDateTime_Malformed_False(string value)
    {
        Assert.That(TemporalValues.TryShiftDateTime(value, -1, out _), Is.False);
    }

    [TestCase("101530", true)]
    [TestCase("1015", true)]
    [TestCase("10:15:30", true)]
    [TestCase("101530.123456", true)]
    [TestCase("235960", true)]
    [TestCase("2400", false)]
    [TestCase("PHIM", false)]
    public void IsTime_Value_Recognised(string value, bool expected)
    {
        Assert.That(TemporalValues.IsTime(value), Is.EqualTo(expected));
    }

    [TestCase(1979, 3, 12, 2024, 6, 15, "045Y")]
    [TestCase(1979, 6, 16, 2024, 6, 15, "044Y")]
    [TestCase(2023, 1, 15, 2024, 6, 15, "017M")]
    [TestCase(2024, 5, 1, 2024, 6, 15, "001M")]
    [TestCase(2024, 6, 1, 2024, 6, 15, "002W")]
    [TestCase(2024, 6, 12, 2024, 6, 15, "003D")]
    public void PatientAge_Compute_AsValue(int by, int bm, int bd, int ry, int rm, int rd, string expected)
    {
        Assert.That(PatientAge.Compute(new DateOnly(by, bm, bd), new DateOnly(ry, rm, rd)), Is.EqualTo(expected));
    }
}
