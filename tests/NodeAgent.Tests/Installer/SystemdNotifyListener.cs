using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Tests.Installer;

/// <summary>
/// systemd's end of sd_notify for a test: a datagram socket at the path a service finds in NOTIFY_SOCKET, keeping
/// every message (<c>READY=1</c>, <c>STOPPING=1</c>, …) in arrival order.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class SystemdNotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly byte[] _buffer = new byte[4096];
    private readonly List<string> _messages = [];

    public SystemdNotifyListener(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string Path { get; }

    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Reads messages until <paramref name="expected"/> arrives; fails the test when the sender exits or time runs out first.</summary>
    public async Task WaitForAsync(string expected, Task<ProcessResult> sender, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!_messages.Contains(expected))
        {
            var receive = _socket.ReceiveAsync(_buffer, SocketFlags.None, limit.Token).AsTask();
            if (await Task.WhenAny(receive, sender) == sender && !receive.IsCompleted)
            {
                var exited = await sender;
                Assert.Fail($"The service exited ({exited.ExitCode}) before sending {expected}; it sent [{string.Join(", ", _messages)}]\n{exited.StdOut}{exited.StdErr}");
            }

            try
            {
                var length = await receive;
                _messages.AddRange(Encoding.UTF8.GetString(_buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The service sent no {expected} within {timeout.TotalSeconds:0} s; it sent [{string.Join(", ", _messages)}]");
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
