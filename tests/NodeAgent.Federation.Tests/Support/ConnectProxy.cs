using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NodeAgent.Federation.Tests.Support;

/// <summary>
/// A minimal HTTP CONNECT proxy on a loopback port (RFC 9110 §9.3.6): it reads the CONNECT request, dials the target,
/// answers 200 and relays bytes both ways. It counts the tunnels it opened, so a test can see the link used it.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _tunnels;

    public ConnectProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Tunnels => Volatile.Read(ref _tunnels);

    public string? LastTarget { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = TunnelAsync(client);
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var header = new StringBuilder();
            var one = new byte[1];
            while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && header.Length < 8192)
            {
                if (await stream.ReadAsync(one, _stop.Token) == 0)
                {
                    return;
                }

                header.Append((char)one[0]);
            }

            var requestLine = header.ToString().Split("\r\n")[0].Split(' ');
            if (requestLine.Length < 2 || requestLine[0] != "CONNECT")
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 405 Method Not Allowed\r\n\r\n"), _stop.Token);
                return;
            }

            LastTarget = requestLine[1];
            var separator = requestLine[1].LastIndexOf(':');
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(requestLine[1][..separator], int.Parse(requestLine[1][(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), _stop.Token);
            Interlocked.Increment(ref _tunnels);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"), _stop.Token);
            var target = upstream.GetStream();
            try
            {
                await Task.WhenAny(stream.CopyToAsync(target, _stop.Token), target.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // Either side went away.
            }
        }
    }
}
