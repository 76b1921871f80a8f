using NodeAgent.Core.Index;
using NUnit.Framework;

namespace NodeAgent.Core.Tests.Index;

[TestFixture]
public sealed class ManufacturerNamesTests
{
    [TestCase("SIEMENS", "Siemens")]
    [TestCase("Siemens Healthineers", "Siemens")]
    [TestCase("SIEMENS AG", "Siemens")]
    [TestCase("GE MEDICAL SYSTEMS", "GE")]
    [TestCase("GE Healthcare", "GE")]
    [TestCase("GEMS", "GE")]
    [TestCase("G.E. Medical Systems", "GE")]
    [TestCase("Philips Medical Systems", "Philips")]
    [TestCase("Philips Healthcare", "Philips")]
    [TestCase("TOSHIBA_MEC", "Canon")]
    [TestCase("CANON_MEC", "Canon")]
    [TestCase("FUJIFILM Corporation", "Fujifilm")]
    [TestCase("Agfa", "Agfa")]
    [TestCase("HOLOGIC, Inc.", "Hologic")]
    [TestCase("Carestream Health", "Carestream")]
    [TestCase("SAMSUNG MEDISON CO., LTD.", "Samsung")]
    [TestCase("ALOKA CO., LTD.", "Hitachi")]
    [TestCase("Mindray", "Mindray")]
    [TestCase("ESAOTE", "Esaote")]
    [TestCase("  acme   medical  ", "Acme Medical")]
    [TestCase("GERMAN IMAGING", "German Imaging")]
    public void Normalise_KnownAndUnknownSpellings_Canonical(string name, string expected)
    {
        Assert.That(ManufacturerNames.Normalise(name), Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("   ")]
    public void Normalise_Blank_Null(string? name)
    {
        Assert.That(ManufacturerNames.Normalise(name), Is.Null);
    }
}
