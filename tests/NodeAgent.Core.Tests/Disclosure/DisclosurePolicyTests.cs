using NodeAgent.Core.Disclosure;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Disclosure;

[TestFixture]
public sealed class DisclosurePolicyTests
{
    [Test]
    public void PolicyHash_SameOptions_SameHash()
    {
        var a = new DisclosurePolicy(new DisclosureOptions());
        var b = new DisclosurePolicy(new DisclosureOptions { Bins = new() { ["age_years"] = [.. Enumerable.Range(0, 19).Select(i => i * 5.0)] } });

        Assert.That(b.PolicyHash, Is.EqualTo(a.PolicyHash));
        Assert.That(a.PolicyHash, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void PolicyHash_AnySettingChanged_DifferentHash()
    {
        var hash = new DisclosurePolicy(new DisclosureOptions()).PolicyHash;
        var changed = new[]
        {
            new DisclosureOptions { MinimumCellSize = 11 },
            new DisclosureOptions { RoundingBase = 10 },
            new DisclosureOptions { NoiseMagnitude = 1 },
            new DisclosureOptions { DifferentialPrivacy = true },
            new DisclosureOptions { Bins = new() { ["kvp"] = [100] } },
        };

        Assert.That(changed.Select(o => new DisclosurePolicy(o).PolicyHash), Has.None.EqualTo(hash));
    }

    [Test]
    public void Validate_BadOptions_EachNamesItsKey()
    {
        var options = new DisclosureOptions
        {
            MinimumCellSize = 0,
            RoundingBase = 0,
            EpsilonPerQuery = -1,
            WindowDays = 0,
            Sensitivity = [1, 2],
            Bins = new() { ["modality"] = [1], ["age_years"] = [10, 5] },
        };

        var failures = DisclosurePolicy.Validate(options);

        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:MinimumCellSize"));
        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:RoundingBase"));
        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:EpsilonPerQuery"));
        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:WindowDays"));
        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:Sensitivity"));
        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:Bins:modality"));
        Assert.That(failures, Has.Some.Contains("NodeAgent:Disclosure:Bins:age_years"));
        Assert.Throws<ArgumentException>(() => _ = new DisclosurePolicy(options));
    }

    [Test]
    public void Validate_Defaults_NoFailure()
    {
        Assert.That(DisclosurePolicy.Validate(new DisclosureOptions()), Is.Empty);
    }

    [TestCase(-1.0, 0, "<0")]
    [TestCase(0.0, 1, "[0,5)")]
    [TestCase(4.999, 1, "[0,5)")]
    [TestCase(40.0, 9, "[40,45)")]
    [TestCase(89.0, 18, "[85,90)")]
    [TestCase(90.0, 19, "≥90")]
    [TestCase(120.0, 19, "≥90")]
    [TestCase(double.NaN, -1, "UNKNOWN")]
    public void AgeBins_Value_BinAndLabel(double age, int index, string label)
    {
        var bins = new DisclosurePolicy(new DisclosureOptions()).Bins["age_years"];

        Assert.That(bins.IndexOf(age), Is.EqualTo(index));
        Assert.That(bins.Label(bins.IndexOf(age)), Is.EqualTo(label));
    }
}
