using System.Diagnostics;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Pdus;
using NUnit.Framework;

namespace NodeAgent.Dicom.Tests.Network.Scp;

/// <summary>What the hostile-peer tests share: connecting, crafting bad PDUs, trickling bytes, and the end-of-association check.</summary>
internal static class HostilePeer
{
    /// <summary>How long a listener may take to answer a broken peer.</summary>
    public static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    /// <summary>Connects a raw peer, with a token that bounds the whole exchange.</summary>
    public static async Task<(RawPeer Peer, CancellationTokenSource Cancel)> ConnectAsync(ScpHost host)
    {
        var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await RawPeer.ConnectAsync(host.EndPoint, cancel.Token), cancel);
    }

    /// <summary>The association's single end-of-association log line (event 1001) with its outcome.</summary>
    public static async Task<AssociationSummary> AssertEndedAsync(ScpHost host, string outcome)
    {
        var summary = await host.Associations.NextEndedAsync(Quick);
        Assert.That(summary.Outcome, Does.Contain(outcome), host.Log.Dump());
        var lines = host.Log.WithEventId(1001).Where(e => e.Message.Contains(summary.AssociationId, StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(1), host.Log.Dump());
        Assert.That(lines[0].Message, Does.Contain("127.0.0.1").And.Contain(summary.Outcome));
        return summary;
    }

    /// <summary>Encodes <paramref name="pdu"/> and replaces the one occurrence of <paramref name="text"/> (ASCII) with a same-length <paramref name="replacement"/>.</summary>
    public static byte[] Corrupt(Pdu pdu, string text, string replacement)
    {
        var bytes = new byte[PduWriter.GetEncodedLength(pdu)];
        PduWriter.Encode(pdu, bytes);
        var at = bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(text));
        Assert.That(at, Is.GreaterThan(0), "the text to corrupt is in the PDU");
        System.Text.Encoding.ASCII.GetBytes(replacement).CopyTo(bytes, at);
        return bytes;
    }

    /// <summary>Sends <paramref name="bytes"/> one per second until they run out, the listener hangs up, or the test cancels.</summary>
    public static async Task TrickleAsync(RawPeer peer, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var b in bytes)
            {
                await peer.SendAsync(new[] { b }, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The listener aborted the association, or the test is done with it.
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <see cref="Quick"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Quick)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}
