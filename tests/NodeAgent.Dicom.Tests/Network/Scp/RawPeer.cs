using System.Net;
using System.Net.Sockets;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>
/// A hand-driven peer on a real socket: sends whatever bytes or PDUs a test crafts and reads the listener's answers
/// with <see cref="PduReader"/>.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";
    public const string ImplicitLittleEndian = "1.2.840.10008.1.2";
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private readonly TcpClient _client;

    private RawPeer(TcpClient client)
    {
        _client = client;
        Stream = client.GetStream();
    }

    public NetworkStream Stream { get; }

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endPoint, cancellationToken);
            return new RawPeer(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An A-ASSOCIATE-RQ from <paramref name="callingAe"/> to the listener with the given contexts.</summary>
    public static AssociateRequest Request(string callingAe, params PresentationContext[] contexts) =>
        new(ScpHost.AeTitle, callingAe, contexts, new UserInformation());

    /// <summary>One context: CT Image Storage in Explicit VR Little Endian.</summary>
    public static PresentationContext CtContext(byte id = 1) => new(id, CtImageStorage, [ExplicitLittleEndian]);

    public Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        Stream.WriteAsync(bytes, cancellationToken).AsTask();

    public Task SendAsync(Pdu pdu, CancellationToken cancellationToken) => PduWriter.WriteAsync(Stream, pdu, cancellationToken).AsTask();

    public Task SendCommandAsync(byte contextId, DimseCommand command, CancellationToken cancellationToken) =>
        PduWriter.WriteDataAsync(Stream, contextId, isCommand: true, isLast: true, command.Encode(), cancellationToken).AsTask();

    public Task SendDataAsync(byte contextId, ReadOnlyMemory<byte> fragment, bool isLast, CancellationToken cancellationToken) =>
        PduWriter.WriteDataAsync(Stream, contextId, isCommand: false, isLast, fragment, cancellationToken).AsTask();

    /// <summary>The next PDU, or null when the listener closed (or reset) the connection.</summary>
    public async Task<Pdu?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PduReader.ReadAsync(Stream, 1 << 20, cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns the A-ASSOCIATE-AC, failing the test on anything else.</summary>
    public async Task<AssociateAccept> AssociateAsync(AssociateRequest request, CancellationToken cancellationToken)
    {
        await SendAsync(request, cancellationToken);
        var answer = await ReceiveAsync(cancellationToken);
        Assert.That(answer, Is.InstanceOf<AssociateAccept>(), "the listener should accept the association");
        return (AssociateAccept)answer!;
    }

    /// <summary>
    /// Reads until the listener ends the association: returns its A-ABORT, or null when it just closed the connection.
    /// Fails the test on any other PDU, or when nothing ends within <paramref name="timeout"/>.
    /// </summary>
    public async Task<Abort?> ExpectAbortAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var pdu = await ReceiveAsync(cancel.Token);
            if (pdu is Abort abort)
            {
                Assert.That(await ReceiveAsync(cancel.Token), Is.Null, "the listener should close the connection after its A-ABORT");
                return abort;
            }

            Assert.That(pdu, Is.Null, $"expected an A-ABORT or the connection closing, but the listener sent {pdu?.Type}");
            return null;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Assert.Fail($"The listener neither aborted nor closed within {timeout.TotalSeconds:0} s.");
            throw;
        }
    }

    /// <summary>Releases an established association politely.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await SendAsync(new ReleaseRequest(), cancellationToken);
        Assert.That(await ReceiveAsync(cancellationToken), Is.InstanceOf<ReleaseResponse>());
    }

    /// <summary>Half-closes or drops the connection.</summary>
    public void Close() => _client.Close();

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
