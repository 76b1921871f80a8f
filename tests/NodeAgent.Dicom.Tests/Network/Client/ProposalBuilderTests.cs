using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Client;

[TestFixture]
public sealed class ProposalBuilderTests
{
    private const string Mr = "1.2.840.10008.5.1.4.1.1.4";
    private static readonly string Explicit = TransferSyntax.ExplicitVRLittleEndian.Uid;
    private static readonly string Implicit = TransferSyntax.ImplicitVRLittleEndian.Uid;
    private static readonly string Jpeg = TransferSyntax.JpegBaseline.Uid;
    private static readonly string BigEndian = TransferSyntax.ExplicitVRBigEndian.Uid;

    [Test]
    public void ForFiles_NoFiles_ProposesVerificationOnly()
    {
        var proposal = ProposalBuilder.ForFiles([]);

        Assert.That(proposal, Has.Count.EqualTo(1));
        Assert.That(proposal[0].Id, Is.EqualTo(1));
        Assert.That(proposal[0].AbstractSyntax, Is.EqualTo(KnownUids.Verification));
        Assert.That(proposal[0].TransferSyntaxes, Is.EqualTo(new[] { Explicit, Implicit }));
    }

    [Test]
    public void ForFiles_NativeAndEncapsulatedFilesOfOneClass_OwnSyntaxesPlusLittleEndianFallback()
    {
        var proposal = ProposalBuilder.ForFiles([(StorageUid.CtImage, BigEndian), (StorageUid.CtImage, Jpeg), (StorageUid.CtImage, BigEndian)]);

        Assert.That(proposal.Select(c => (c.Id, c.AbstractSyntax, string.Join(",", c.TransferSyntaxes))), Is.EqualTo(new[]
        {
            ((byte)1, KnownUids.Verification, $"{Explicit},{Implicit}"),
            ((byte)3, StorageUid.CtImage, BigEndian),
            ((byte)5, StorageUid.CtImage, Jpeg),
            ((byte)7, StorageUid.CtImage, $"{Explicit},{Implicit}"),
        }));
    }

    [Test]
    public void ForFiles_EncapsulatedOnly_NoLittleEndianFallback()
    {
        var proposal = ProposalBuilder.ForFiles([(Mr, Jpeg)]);

        Assert.That(proposal.Where(c => c.AbstractSyntax == Mr).Select(c => c.TransferSyntaxes), Is.EqualTo(new[] { new[] { Jpeg } }));
    }

    [Test]
    public void ForFiles_MoreThan128Contexts_KeepsVerificationFallbacksAndEncapsulatedFirst()
    {
        // 50 classes × (implicit own + fallback + JPEG) = 150 candidates; the 50 implicit own-syntax ones are optional.
        var classes = Enumerable.Range(1, 50).Select(i => $"1.2.3.{i}").ToList();
        var proposal = ProposalBuilder.ForFiles(classes.SelectMany(c => new[] { (c, Implicit), (c, Jpeg) }));

        Assert.That(proposal, Has.Count.EqualTo(ProposalBuilder.MaxPresentationContexts));
        Assert.That(proposal.Select(c => c.Id), Is.EqualTo(Enumerable.Range(0, 128).Select(i => (byte)((2 * i) + 1))));
        Assert.That(proposal[0].AbstractSyntax, Is.EqualTo(KnownUids.Verification));
        Assert.That(classes, Is.All.Matches<string>(c => proposal.Any(p => p.AbstractSyntax == c && p.TransferSyntaxes.SequenceEqual([Jpeg]))));
        Assert.That(classes, Is.All.Matches<string>(c => proposal.Any(p => p.AbstractSyntax == c && p.TransferSyntaxes.SequenceEqual([Explicit, Implicit]))));
        Assert.That(proposal.Count(p => p.TransferSyntaxes.SequenceEqual([Implicit])), Is.EqualTo(128 - 1 - 100));
    }

    [Test]
    public void ForFiles_InvalidUid_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ProposalBuilder.ForFiles([("1.2.03", Explicit)]));
    }

    [Test]
    public void Validate_EvenOrRepeatedIds_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ProposalBuilder.Validate([new PresentationContext(2, KnownUids.Verification, [Implicit])]));
        Assert.Throws<ArgumentException>(() => ProposalBuilder.Validate(
            [new PresentationContext(1, KnownUids.Verification, [Implicit]), new PresentationContext(1, Mr, [Implicit])]));
        Assert.Throws<ArgumentException>(() => ProposalBuilder.Validate([]));
    }
}
