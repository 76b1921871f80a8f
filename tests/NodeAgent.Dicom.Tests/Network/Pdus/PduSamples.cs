using System.Text;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Tests.Network.Pdus;

/// <summary>PDUs with every field populated, and helpers to move them through a memory stream.</summary>
internal static class PduSamples
{
    public const string Verification = "1.2.840.10008.1.1";
    public const string ImplicitLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string StorageServiceClass = "1.2.840.10008.4.2";

    public static AssociateRequest FullRequest() => new(
        "STORE-SCP",
        "MODALITY_1",
        [
            new PresentationContext(1, Verification, [ImplicitLittleEndian]),
            new PresentationContext(3, CtImageStorage, [ExplicitLittleEndian, ImplicitLittleEndian]),
            new PresentationContext(255, "1.2.840.10008.5.1.4.1.2.2.1", [ImplicitLittleEndian]),
        ],
        new UserInformation
        {
            MaximumLength = 32768,
            ImplementationClassUid = "1.2.826.0.1.3680043.2.1143.107.104.103.115",
            ImplementationVersionName = "TEST_SCU_1.0",
            AsynchronousOperationsWindow = new AsynchronousOperationsWindow(5, 3),
            RoleSelections = [new RoleSelection(CtImageStorage, ScuRole: true, ScpRole: false), new RoleSelection(Verification, false, true)],
            ExtendedNegotiations = [new SopClassExtendedNegotiation(CtImageStorage, new byte[] { 2, 0, 1, 0, 0, 0 })],
            CommonExtendedNegotiations =
            [
                new SopClassCommonExtendedNegotiation(CtImageStorage, StorageServiceClass, ["1.2.840.10008.5.1.4.1.1.2.1", "1.2.3"]),
                new SopClassCommonExtendedNegotiation(Verification, "1.2.840.10008.4.1", []),
            ],
            UserIdentityRequest = new UserIdentityRequest(
                UserIdentityType.UsernameAndPasscode, PositiveResponseRequested: true, Encoding.UTF8.GetBytes("jdoe"), Encoding.UTF8.GetBytes("s3cr3t")),
            UnrecognizedItems = [new UnrecognizedUserItem(0x7E, new byte[] { 0xDE, 0xAD, 0xBE, 0xEF })],
        })
    {
        ProtocolVersion = 1,
    };

    public static AssociateAccept FullAccept() => new(
        "STORE-SCP",
        "MODALITY_1",
        [
            new PresentationContextResult(1, PresentationContextResultReason.Acceptance, ImplicitLittleEndian),
            new PresentationContextResult(3, PresentationContextResultReason.TransferSyntaxesNotSupported, ""),
            new PresentationContextResult(255, PresentationContextResultReason.AbstractSyntaxNotSupported, ImplicitLittleEndian),
        ],
        new UserInformation
        {
            MaximumLength = 0,
            AsynchronousOperationsWindow = new AsynchronousOperationsWindow(1, 1),
            RoleSelections = [new RoleSelection(CtImageStorage, ScuRole: true, ScpRole: false)],
            ExtendedNegotiations = [new SopClassExtendedNegotiation(CtImageStorage, new byte[] { 1 })],
            UserIdentityResponse = new UserIdentityResponse(Encoding.ASCII.GetBytes("eyJhbGciOiJub25lIn0.e30.")),
        });

    /// <summary>One of each of the seven PDU types, all fields set.</summary>
    public static IEnumerable<Pdu> OneOfEach() =>
    [
        FullRequest(),
        FullAccept(),
        AssociateReject.Create(AssociateRejectResult.Transient, PresentationRejectReason.TemporaryCongestion),
        new DataTransfer(
        [
            new PresentationDataValue(1, IsCommand: true, IsLast: true, new byte[] { 0, 0, 0, 0, 4, 0, 0, 0, 0x42, 0, 0, 0 }),
            new PresentationDataValue(3, IsCommand: false, IsLast: false, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()),
        ]),
        new ReleaseRequest(),
        new ReleaseResponse(),
        new Abort(AbortSource.ServiceProvider, AbortReason.UnexpectedPduParameter),
    ];

    public static async Task<byte[]> EncodeAsync(Pdu pdu)
    {
        using var stream = new MemoryStream();
        await PduWriter.WriteAsync(stream, pdu);
        return stream.ToArray();
    }

    public static async Task<Pdu?> DecodeAsync(byte[] bytes, int maxPduLength = PduLimits.DefaultMaxPduLength)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await PduReader.ReadAsync(stream, maxPduLength);
    }
}
