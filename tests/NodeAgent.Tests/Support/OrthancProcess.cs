using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NodeAgent.Testing;
using NUnit.Framework;

namespace NodeAgent.Tests.Support;

/// <summary>
/// A real Orthanc PACS in a child process, as a hospital runs one in front of the node: loopback only, no
/// authentication, no plugins, its own storage in the given directory, free HTTP and DICOM ports, and the
/// remote modalities it may route to. Tests drive it through its REST API as a PACS administrator would.
/// </summary>
public sealed class OrthancProcess : IAsyncDisposable
{
    /// <summary>The AE title Orthanc calls with (its <c>DicomAet</c>).</summary>
    public const string AeTitle = "ORTHANC";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private OrthancProcess(Process process, int httpPort, int dicomPort)
    {
        _process = process;
        HttpPort = httpPort;
        DicomPort = dicomPort;
        Http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The REST API port (loopback).</summary>
    public int HttpPort { get; }

    /// <summary>Orthanc's own DICOM port (loopback callers only reach it in tests).</summary>
    public int DicomPort { get; }

    /// <summary>A client for the REST API, its base address set.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything Orthanc logged so far (its log goes to standard error).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Writes a configuration into <paramref name="directory"/>, starts <c>Orthanc CONFIG.json</c> and waits until
    /// <c>GET /system</c> answers. <paramref name="modalities"/> maps the names used in REST paths
    /// (<c>/modalities/NAME/store</c>) to the called AE title and the loopback port of each peer.
    /// </summary>
    public static async Task<OrthancProcess> StartAsync(string directory, IReadOnlyDictionary<string, (string AeTitle, int Port)> modalities)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        var orthanc = Peers.Require("Orthanc");
        var httpPort = AgentProcess.FreePort();
        var dicomPort = AgentProcess.FreePort();
        var configuration = Path.Combine(directory, "orthanc.json");
        await File.WriteAllTextAsync(configuration, Configuration(Path.Combine(directory, "orthanc-storage"), httpPort, dicomPort, modalities));

        var start = new ProcessStartInfo(orthanc)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add("--verbose");
        start.ArgumentList.Add(configuration);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{orthanc} did not start");
        process.StandardInput.Close();
        var instance = new OrthancProcess(process, httpPort, dicomPort);
        try
        {
            await instance.WaitUntilReadyAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Uploads a DICOM file (<c>POST /instances</c>) and returns Orthanc's instance ID and parent study ID.</summary>
    public async Task<(string InstanceId, string StudyId)> UploadAsync(string path)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        using var answer = await PostAsync("instances", content);
        var id = answer.RootElement.GetProperty("ID").GetString();
        var study = answer.RootElement.GetProperty("ParentStudy").GetString();
        return id is not null && study is not null
            ? (id, study)
            : throw new InvalidOperationException($"Orthanc did not answer the upload of {path} with IDs: {answer.RootElement}");
    }

    /// <summary>
    /// Asks Orthanc to C-STORE the given resources (instance, series, study or patient IDs) to a modality and
    /// waits for the job (<c>POST /modalities/NAME/store</c> with <c>"Synchronous": true</c>); returns the job's answer.
    /// </summary>
    public async Task<JsonDocument> StoreAsync(string modality, IEnumerable<string> resources)
    {
        var body = JsonSerializer.Serialize(new { Resources = resources.ToArray(), Synchronous = true });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await PostAsync($"modalities/{modality}/store", content);
    }

    /// <summary>Asks Orthanc to C-ECHO a modality; returns the HTTP status (200 when the peer answered).</summary>
    public async Task<System.Net.HttpStatusCode> EchoAsync(string modality)
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri($"modalities/{modality}/echo", UriKind.Relative), content);
        return response.StatusCode;
    }

    /// <summary>Kills Orthanc at once; its storage is a temp directory, so nothing needs a clean shutdown.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    private static string Configuration(string storage, int httpPort, int dicomPort, IReadOnlyDictionary<string, (string AeTitle, int Port)> modalities)
    {
        // Only this file is read (not Debian's /etc/orthanc), so its "Plugins" folder is not loaded either.
        var configuration = new
        {
            Name = "NodeAgent test PACS",
            StorageDirectory = storage,
            IndexDirectory = storage,
            Plugins = Array.Empty<string>(),
            HttpPort = httpPort,
            DicomPort = dicomPort,
            DicomAet = AeTitle,
            RemoteAccessAllowed = false,
            AuthenticationEnabled = false,
            DicomModalities = modalities.ToDictionary(m => m.Key, m => new object[] { m.Value.AeTitle, "127.0.0.1", m.Value.Port }, StringComparer.Ordinal),
            // Close the association as soon as a job is done (the default keeps it open 5 s for the next job).
            DicomAssociationCloseDelay = 0,
            DicomScuTimeout = 20,
            SaveJobs = false,
        };
        return JsonSerializer.Serialize(configuration, IndentedJson);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"Orthanc exited with code {_process.ExitCode} before answering GET /system:\n{Output}");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await Http.GetAsync(new Uri("system", UriKind.Relative), probe.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Orthanc did not answer GET /system within {StartTimeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<JsonDocument> PostAsync(string path, HttpContent content)
    {
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"POST /{path} answered {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body);
    }
}
