using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Association;

/// <summary>How the acceptor answers each proposed presentation context (PS3.8 §9.3.3.2), with the listener's defaults.</summary>
[TestFixture]
public sealed class PresentationContextNegotiatorTests
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private const string Implicit = "1.2.840.10008.1.2";
    private const string Explicit = "1.2.840.10008.1.2.1";
    private const string BigEndian = "1.2.840.10008.1.2.2";
    private const string Deflated = "1.2.840.10008.1.2.1.99";
    private const string JpegBaseline = "1.2.840.10008.1.2.4.50";
    private const string Jpeg2000Lossless = "1.2.840.10008.1.2.4.90";

    private static readonly DicomServerOptions Defaults = new();

    private static PresentationContextResult NegotiateOne(string abstractSyntax, params string[] transferSyntaxes) =>
        PresentationContextNegotiator.Negotiate([new PresentationContext(1, abstractSyntax, transferSyntaxes)],
            Defaults.AbstractSyntaxes, Defaults.TransferSyntaxPreference).Single();

    [Test]
    public void Negotiate_ImplicitProposedBeforeExplicit_ChoosesExplicitLittleEndian()
    {
        var result = NegotiateOne(CtImageStorage, Implicit, BigEndian, Explicit);

        Assert.That((result.Result, result.TransferSyntax), Is.EqualTo((PresentationContextResultReason.Acceptance, Explicit)));
    }

    [Test]
    public void Negotiate_OnlyImplicitProposed_ChoosesImplicit()
    {
        var result = NegotiateOne(CtImageStorage, Implicit);

        Assert.That((result.Result, result.TransferSyntax), Is.EqualTo((PresentationContextResultReason.Acceptance, Implicit)));
    }

    [TestCase(JpegBaseline)]
    [TestCase(Jpeg2000Lossless)]
    [TestCase(BigEndian)]
    [TestCase(Deflated)]
    public void Negotiate_OnlySyntaxProposed_AcceptsItAsProposed(string transferSyntax)
    {
        var result = NegotiateOne(CtImageStorage, transferSyntax);

        Assert.That((result.Result, result.TransferSyntax), Is.EqualTo((PresentationContextResultReason.Acceptance, transferSyntax)));
    }

    [Test]
    public void Negotiate_CompressedProposedWithUncompressed_PrefersExplicitLittleEndian()
    {
        var result = NegotiateOne(CtImageStorage, JpegBaseline, Explicit, Implicit);

        Assert.That(result.TransferSyntax, Is.EqualTo(Explicit));
    }

    [Test]
    public void Negotiate_CompressedSyntaxesOnly_AcceptsTheFirstProposed()
    {
        var result = NegotiateOne(CtImageStorage, Jpeg2000Lossless, JpegBaseline);

        Assert.That((result.Result, result.TransferSyntax), Is.EqualTo((PresentationContextResultReason.Acceptance, Jpeg2000Lossless)));
    }

    [Test]
    public void Negotiate_UnknownTransferSyntaxOnly_RejectsWithReason4()
    {
        var result = NegotiateOne(CtImageStorage, "1.2.3.4.5.6");

        Assert.That(result.Result, Is.EqualTo(PresentationContextResultReason.TransferSyntaxesNotSupported));
        Assert.That((byte)result.Result, Is.EqualTo(4));
    }

    [Test]
    public void Negotiate_UnknownBeforeAKnownSyntax_AcceptsTheKnownOne()
    {
        var result = NegotiateOne(CtImageStorage, "1.2.3.4.5.6", Jpeg2000Lossless);

        Assert.That((result.Result, result.TransferSyntax), Is.EqualTo((PresentationContextResultReason.Acceptance, Jpeg2000Lossless)));
    }

    [TestCase("1.2.840.10008.1.2.4.94")]
    [TestCase("1.2.840.10008.1.2.4.52")]
    public void Negotiate_JpipOrRetiredJpegOnly_RejectsWithReason4(string transferSyntax)
    {
        var result = NegotiateOne(CtImageStorage, transferSyntax);

        Assert.That(result.Result, Is.EqualTo(PresentationContextResultReason.TransferSyntaxesNotSupported));
    }

    [Test]
    public void Negotiate_NoTransferSyntaxProposed_RejectsWithReason4()
    {
        var result = NegotiateOne(CtImageStorage);

        Assert.That(result.Result, Is.EqualTo(PresentationContextResultReason.TransferSyntaxesNotSupported));
    }

    [Test]
    public void Negotiate_MalformedTransferSyntaxUid_RejectsWithAnEncodableSyntax()
    {
        // Regression: the peer's malformed UID was echoed in the rejected result and the A-ASSOCIATE-AC could not be written.
        var result = NegotiateOne(CtImageStorage, "1.2.840.x");

        Assert.That(result.Result, Is.EqualTo(PresentationContextResultReason.TransferSyntaxesNotSupported));
        Assert.That(() => PduWriter.GetEncodedLength(new AssociateAccept("A", "B", [result], new UserInformation())), Throws.Nothing);
    }

    [Test]
    public void Negotiate_UnknownAbstractSyntax_RejectsWithReason3()
    {
        var result = NegotiateOne("1.2.3.4.5.6.7", Explicit, Implicit);

        Assert.That(result.Result, Is.EqualTo(PresentationContextResultReason.AbstractSyntaxNotSupported));
        Assert.That((byte)result.Result, Is.EqualTo(3));
    }

    [Test]
    public void Negotiate_QueryRetrieveAbstractSyntax_RejectsWithReason3()
    {
        // Study Root C-FIND: not a storage class; NodeAgent is a storage SCP only.
        var result = NegotiateOne("1.2.840.10008.5.1.4.1.2.2.1", Implicit);

        Assert.That(result.Result, Is.EqualTo(PresentationContextResultReason.AbstractSyntaxNotSupported));
    }

    [Test]
    public void Negotiate_Verification_AcceptsImplicit()
    {
        var result = NegotiateOne(KnownUids.Verification, Implicit);

        Assert.That((result.Result, result.TransferSyntax), Is.EqualTo((PresentationContextResultReason.Acceptance, Implicit)));
    }

    [Test]
    public void Negotiate_SeveralContexts_AnswersEachInTheProposalsOrder()
    {
        PresentationContext[] proposed =
        [
            new(7, CtImageStorage, [Implicit]),
            new(3, "1.2.3.4", [Implicit]),
            new(5, CtImageStorage, ["1.2.3.4.5"]),
            new(1, CtImageStorage, [JpegBaseline]),
        ];

        var results = PresentationContextNegotiator.Negotiate(proposed, Defaults.AbstractSyntaxes, Defaults.TransferSyntaxPreference);

        Assert.That(results.Select(r => (r.Id, r.Result)), Is.EqualTo(new[]
        {
            ((byte)7, PresentationContextResultReason.Acceptance),
            ((byte)3, PresentationContextResultReason.AbstractSyntaxNotSupported),
            ((byte)5, PresentationContextResultReason.TransferSyntaxesNotSupported),
            ((byte)1, PresentationContextResultReason.Acceptance),
        }));
    }

    [Test]
    public void Negotiate_ImplicitFirstInTheLocalPreference_ChoosesImplicitOverExplicit()
    {
        var results = PresentationContextNegotiator.Negotiate([new PresentationContext(1, CtImageStorage, [Explicit, Implicit])],
            Defaults.AbstractSyntaxes, [Implicit, Explicit]);

        Assert.That(results.Single().TransferSyntax, Is.EqualTo(Implicit));
    }
}
