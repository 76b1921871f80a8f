using System.Diagnostics;
using NodeAgent.Dicom;
using NodeAgent.Dicom.Network;
using NodeAgent.Dicom.Network.Client;
using NodeAgent.Dicom.Network.Pdus;

namespace NodeAgent.Cli;

/// <summary>nodeagent echo HOST PORT CALLED_AE [--calling AE]: is the route to a DICOM node open?</summary>
internal static class EchoCommand
{
    public static async Task<int> ExecuteAsync(Arguments arguments)
    {
        arguments.Expect("--calling");
        var host = arguments.Required(0, "HOST");
        var port = arguments.Port(1);
        var called = arguments.Required(2, "CALLED_AE");
        var options = new DicomClientOptions { CalledAE = called, CallingAE = arguments.Option("--calling") ?? "NODEAGENT" };
        var proposal = new[]
        {
            new PresentationContext(1, KnownUids.Verification, [TransferSyntax.ExplicitVRLittleEndian.Uid, TransferSyntax.ImplicitVRLittleEndian.Uid]),
        };
        var watch = Stopwatch.StartNew();
        try
        {
            await using var association = await DicomAssociation.ConnectAsync(host, port, options, proposal, CancellationToken.None).ConfigureAwait(false);
            var status = await association.EchoAsync(CancellationToken.None).ConfigureAwait(false);
            await association.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"C-ECHO {options.CallingAE} -> {called} at {host}:{port}: {status} in {watch.ElapsedMilliseconds} ms");
            return status.IsSuccess ? CommandLine.Ok : CommandLine.Failed;
        }
        catch (Exception e) when (e is DicomException or TimeoutException or IOException)
        {
            await Console.Error.WriteLineAsync($"nodeagent: C-ECHO to {called} at {host}:{port} failed: {e.Message}").ConfigureAwait(false);
            return CommandLine.Failed;
        }
    }
}
