using System.Net;
using System.Net.Sockets;
using NodeAgent.Dicom.Network.Dimse;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Dicom.Tests.Network.Client;

/// <summary>
/// A hand-driven acceptor on a real socket: the test scripts what it answers, PDU by PDU, to provoke what a
/// well-behaved SCP rarely does (a release collision, an abort, a wrong response).
/// </summary>
internal sealed class ScriptedPeer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ScriptedPeer()
    {
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts one connection and runs the script on it; the connection closes when the script ends.</summary>
    public async Task RunAsync(Func<Stream, Task> script, CancellationToken cancellationToken)
    {
        using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
        client.NoDelay = true;
        await using var stream = client.GetStream();
        await script(stream);
    }

    public static async Task<T> ReadAsync<T>(Stream stream, CancellationToken cancellationToken) where T : Pdu
    {
        var pdu = await PduReader.ReadAsync(stream, 1 << 20, cancellationToken);
        return pdu as T ?? throw new InvalidOperationException($"Expected {typeof(T).Name} but received {pdu?.Type.ToString() ?? "the end of the stream"}");
    }

    /// <summary>Reads the A-ASSOCIATE-RQ and accepts every context in its first transfer syntax.</summary>
    public static async Task<AssociateRequest> AcceptAsync(Stream stream, CancellationToken cancellationToken)
    {
        var request = await ReadAsync<AssociateRequest>(stream, cancellationToken);
        var results = request.PresentationContexts
            .Select(c => new PresentationContextResult(c.Id, PresentationContextResultReason.Acceptance, c.TransferSyntaxes[0]))
            .ToList();
        await PduWriter.WriteAsync(stream, new AssociateAccept(request.CalledAE, request.CallingAE, results, new UserInformation()), cancellationToken);
        return request;
    }

    /// <summary>Reads one whole command (single PDV) and returns it with its context id.</summary>
    public static async Task<(byte ContextId, DimseCommand Command)> ReadCommandAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var data = await ReadAsync<DataTransfer>(stream, cancellationToken);
        var value = data.Values.Single();
        return (value.PresentationContextId, DimseCommand.Decode(value.Data.ToArray()));
    }

    public void Dispose() => _listener.Stop();
}
