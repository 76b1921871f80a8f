using System.Security.Cryptography.X509Certificates;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NodeAgent.Dicom.Tests.Support;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>The SCU against NodeAgent's own listener: AE title checks and DICOM TLS.</summary>
[TestFixture]
[CancelAfter(30_000)]
public sealed class DicomAssociationServerTests
{
    [Test]
    public async Task ConnectAsync_WrongCalledAE_ThrowsRejectedCalledAETitleNotRecognized(CancellationToken cancellationToken)
    {
        await using var server = await ServerPeer.StartAsync();
        var options = new DicomClientOptions { CalledAE = "SOMEONE-ELSE" };

        var rejected = Assert.ThrowsAsync<AssociationRejectedException>(() =>
            DicomAssociation.ConnectAsync("127.0.0.1", server.EndPoint.Port, options, ProposalBuilder.ForFiles([]), cancellationToken));

        Assert.That(rejected!.Result, Is.EqualTo(AssociateRejectResult.Permanent));
        Assert.That(rejected.RejectSource, Is.EqualTo(AssociateRejectSource.ServiceUser));
        Assert.That(rejected.Reason, Is.EqualTo((byte)ServiceUserRejectReason.CalledAETitleNotRecognized));
        Assert.That(rejected.ReasonName, Is.EqualTo(nameof(ServiceUserRejectReason.CalledAETitleNotRecognized)));
        Assert.That(rejected.IsTransient, Is.False);
    }

    [Test]
    public async Task StoreAsync_OverTlsTrustingThePrivateCa_ServerReceivesTheSameDataSet(CancellationToken cancellationToken)
    {
        using var certificates = TestCertificates.Create();
        await using var server = await ServerPeer.StartAsync(new DicomServerOptions { TlsPort = 0, TlsCertificate = certificates.Server });
        var path = Samples.PathOf("pydicom/CT_small.dcm");
        var original = DicomFile.Open(path);
        var options = new DicomClientOptions
        {
            CalledAE = ServerPeer.AeTitle,
            Tls = new DicomClientTlsOptions { TargetHost = "localhost", TrustedAuthorities = [certificates.Authority] },
        };
        var proposal = ProposalBuilder.ForFiles([(StorageUid.CtImage, original.TransferSyntax.Uid)]);
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", server.TlsEndPoint.Port, options, proposal, cancellationToken);

        var echo = await association.EchoAsync(cancellationToken);
        var stored = await association.StoreAsync(path, cancellationToken);
        await association.ReleaseAsync(cancellationToken);

        Assert.That(echo, Is.EqualTo(DimseStatus.Success));
        Assert.That(stored.Status, Is.EqualTo(DimseStatus.Success));
        Assert.That(stored.SopInstanceUid, Is.EqualTo(original.Dataset.GetString(new DicomTag(0x0008, 0x0018))));
        Assert.That(server.Received, Has.Count.EqualTo(1));
        server.Received.TryPeek(out var received);
        using var bytes = new MemoryStream(received.DataSet);
        var dataset = DicomFile.ReadDataset(bytes, received.Context.TransferSyntax);
        Assert.That(DatasetDump.Lines(dataset), Is.EqualTo(DatasetDump.Lines(original.Dataset)));
    }

    [Test]
    public async Task ConnectAsync_TlsServerFromAnotherCa_ThrowsDicomAssociationException(CancellationToken cancellationToken)
    {
        using var trusted = TestCertificates.Create("Trusted CA");
        using var other = TestCertificates.Create("Other CA");
        await using var server = await ServerPeer.StartAsync(new DicomServerOptions { TlsPort = 0, TlsCertificate = other.Server });
        var options = new DicomClientOptions
        {
            CalledAE = ServerPeer.AeTitle,
            Tls = new DicomClientTlsOptions { TargetHost = "localhost", TrustedAuthorities = new X509Certificate2Collection(trusted.Authority) },
        };

        var failed = Assert.ThrowsAsync<DicomAssociationException>(() =>
            DicomAssociation.ConnectAsync("127.0.0.1", server.TlsEndPoint.Port, options, ProposalBuilder.ForFiles([]), cancellationToken));

        Assert.That(failed!.Message, Does.Contain("TLS"));
    }

    [Test]
    public async Task StoreAsync_ImplicitFileWhenOnlyExplicitAccepted_ReEncodesToExplicit(CancellationToken cancellationToken)
    {
        await using var server = await ServerPeer.StartAsync(new DicomServerOptions { TransferSyntaxPreference = [TransferSyntax.ExplicitVRLittleEndian.Uid] });
        var path = Samples.PathOf("pydicom/MR_small_implicit.dcm");
        var original = DicomFile.Open(path);
        var sopClass = original.Dataset.GetString(new DicomTag(0x0008, 0x0016))!;
        var proposal = new[]
        {
            new PresentationContext(1, sopClass, [TransferSyntax.ExplicitVRLittleEndian.Uid]),
        };
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", server.EndPoint.Port,
            new DicomClientOptions { CalledAE = ServerPeer.AeTitle }, proposal, cancellationToken);

        var stored = await association.StoreAsync(path, cancellationToken);
        await association.ReleaseAsync(cancellationToken);

        Assert.That(stored.Status, Is.EqualTo(DimseStatus.Success));
        server.Received.TryPeek(out var received);
        Assert.That(received.Context.TransferSyntax, Is.EqualTo(TransferSyntax.ExplicitVRLittleEndian));
        using var bytes = new MemoryStream(received.DataSet);
        var dataset = DicomFile.ReadDataset(bytes, TransferSyntax.ExplicitVRLittleEndian);
        Assert.That(DatasetDump.Lines(dataset), Is.EqualTo(DatasetDump.Lines(original.Dataset)));
    }

    [Test]
    public async Task StoreAsync_EncapsulatedFileWithoutItsSyntax_ThrowsAndSendsNothing(CancellationToken cancellationToken)
    {
        await using var server = await ServerPeer.StartAsync();
        var path = Samples.PathOf("pydicom/MR_small_RLE.dcm");
        var original = DicomFile.Open(path);
        var sopClass = original.Dataset.GetString(new DicomTag(0x0008, 0x0016))!;
        var proposal = new[]
        {
            new PresentationContext(1, sopClass, [TransferSyntax.ExplicitVRLittleEndian.Uid]),
            new PresentationContext(3, KnownUids.Verification, [TransferSyntax.ImplicitVRLittleEndian.Uid]),
        };
        await using var association = await DicomAssociation.ConnectAsync("127.0.0.1", server.EndPoint.Port,
            new DicomClientOptions { CalledAE = ServerPeer.AeTitle }, proposal, cancellationToken);

        var refused = Assert.ThrowsAsync<PresentationContextNotAcceptedException>(() => association.StoreAsync(path, cancellationToken));
        var echo = await association.EchoAsync(cancellationToken);
        await association.ReleaseAsync(cancellationToken);

        Assert.That(refused!.Message, Is.EqualTo($"No presentation context accepted for SOP class {sopClass} in transfer syntax {TransferSyntax.RleLossless.Uid}"));
        Assert.That(echo, Is.EqualTo(DimseStatus.Success));
        Assert.That(server.Received, Is.Empty);
    }
}
