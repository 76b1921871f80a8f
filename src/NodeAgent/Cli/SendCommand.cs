using System.Collections.Concurrent;
using NodeAgent.Dicom;
using NodeAgent.Dicom.IO;
using NodeAgent.Dicom.Network.Client;

namespace NodeAgent.Cli;

/// <summary>
/// nodeagent send HOST PORT CALLED_AE PATH... [--associations N] [--calling AE]: sends files and folders
/// with C-STORE over N associations, shows progress with the rate, and ends with a summary by status.
/// </summary>
internal static class SendCommand
{
    private static readonly DicomReaderOptions HeaderOnly = DicomReaderOptions.Default with { LargeValueThreshold = 64 * 1024 };

    public static async Task<int> ExecuteAsync(Arguments arguments)
    {
        arguments.Expect("--associations", "--calling");
        var host = arguments.Required(0, "HOST");
        var port = arguments.Port(1);
        var called = arguments.Required(2, "CALLED_AE");
        var paths = arguments.Positional.Skip(3).ToList();
        if (paths.Count == 0)
        {
            throw new UsageException("missing PATH (files or folders to send)");
        }

        var associations = int.TryParse(arguments.Option("--associations") ?? "1", out var n) && n is > 0 and <= 64
            ? n
            : throw new UsageException("--associations takes a number from 1 to 64");
        var options = new DicomClientOptions { CalledAE = called, CallingAE = arguments.Option("--calling") ?? "NODEAGENT" };

        var (files, unreadable) = Scan(paths);
        var tally = new SendTally(files.Count, unreadable);
        if (files.Count == 0)
        {
            tally.PrintSummary(Console.Out);
            return unreadable.Count == 0 ? CommandLine.Ok : CommandLine.Failed;
        }

        var proposal = ProposalBuilder.ForFiles(files.Select(f => (f.SopClassUid, f.TransferSyntaxUid)).Distinct());
        var queue = new ConcurrentQueue<ScannedFile>(files);
        using var progress = new ProgressReporter(tally.Total, () => tally.Done, () => $"{tally.Rate:0.0} images/s", Console.Error);
        var workers = Enumerable.Range(0, Math.Min(associations, files.Count))
            .Select(_ => SendAllAsync(host, port, options, proposal, queue, tally))
            .ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        progress.Finish();
        tally.PrintSummary(Console.Out);
        return tally.AllSucceeded ? CommandLine.Ok : CommandLine.Failed;
    }

    private static async Task SendAllAsync(string host, int port, DicomClientOptions options,
        IReadOnlyList<Dicom.Network.Pdus.PresentationContext> proposal, ConcurrentQueue<ScannedFile> queue, SendTally tally)
    {
        DicomAssociation? association = null;
        try
        {
            while (queue.TryDequeue(out var file))
            {
                try
                {
                    association ??= await DicomAssociation.ConnectAsync(host, port, options, proposal, CancellationToken.None).ConfigureAwait(false);
                    var response = await association.StoreAsync(file.Path, CancellationToken.None).ConfigureAwait(false);
                    tally.Record(response.Status.ToString(), response.Status.IsSuccess || response.Status.IsWarning, response.ErrorComment);
                }
                catch (PresentationContextNotAcceptedException e)
                {
                    tally.Record("not sent: no accepted presentation context", false, e.Message);
                }
                catch (Exception e) when (e is DicomException or TimeoutException or IOException)
                {
                    tally.Record($"not sent: {e.GetType().Name}", false, e.Message);
                    if (association is not null)
                    {
                        await association.DisposeAsync().ConfigureAwait(false);
                        association = null;
                    }
                }
            }

            if (association is not null)
            {
                await association.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            if (association is not null)
            {
                await association.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static (List<ScannedFile> Files, List<string> Unreadable) Scan(IEnumerable<string> paths)
    {
        var files = new List<ScannedFile>();
        var unreadable = new List<string>();
        foreach (var path in paths.SelectMany(Expand))
        {
            try
            {
                var file = DicomFile.Open(path, HeaderOnly);
                var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(new DicomTag(0x0002, 0x0002));
                if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(file.Dataset.GetString(DicomTags.SOPInstanceUID)))
                {
                    unreadable.Add($"{path}: no SOP Class or SOP Instance UID");
                    continue;
                }

                files.Add(new ScannedFile(path, sopClass, file.TransferSyntax.Uid));
            }
            catch (DicomFormatException e)
            {
                unreadable.Add($"{path}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"{path}: {e.Message}");
            }
        }

        return (files, unreadable);
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            // Symbolic links are not followed: a link back up the tree would make the walk endless.
            var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            return Directory.EnumerateFiles(path, "*", walk).Order(StringComparer.Ordinal);
        }

        if (File.Exists(path))
        {
            return [path];
        }

        throw new UsageException($"'{path}' is neither a file nor a folder");
    }

    private sealed record ScannedFile(string Path, string SopClassUid, string TransferSyntaxUid);
}
