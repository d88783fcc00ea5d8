using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>maildev 3 as the SMTP sink: mails kept in &lt;data&gt;/mail, web UI and REST API (/api/email) on 127.0.0.1.</summary>
public sealed class MailDevServer : IAsyncDisposable, ILocalServer
{
    private readonly ResourceLog _log;
    private readonly string? _repositoryRoot;
    private ChildProcess? _process;

    /// <param name="dataDirectory">The data root shared by all servers: mails go to &lt;dataDirectory&gt;/mail.</param>
    /// <param name="smtpPort">The SMTP port; 0 picks a free one (kept across restarts of this instance).</param>
    /// <param name="webPort">The web UI and API port; 0 picks a free one.</param>
    public MailDevServer(string dataDirectory, int smtpPort = 0, int webPort = 0, string name = "maildev", bool echoToConsole = true)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        SmtpPort = smtpPort == 0 ? PortAllocator.GetFreePort() : smtpPort;
        WebPort = webPort == 0 ? PortAllocator.GetFreePort() : webPort;
        Name = name;
        _log = new ResourceLog(name, Path.Combine(DataDirectory, "logs"), echoToConsole);
        _repositoryRoot = RepositoryLocator.Find();
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public string ConnectionString => $"smtp://127.0.0.1:{SmtpPort}";

    public Uri WebUrl => new($"http://127.0.0.1:{WebPort}");

    public string LogFile => _log.FilePath;

    public bool IsRunning => _process is { HasExited: false };

    public Task<int>? Exited => _process?.Exited;

    ResourceLog ILocalServer.Log => _log;

    IReadOnlyList<string> ILocalServer.DisplayUrls => [ConnectionString, $"{WebUrl.ToString().TrimEnd('/')} (web UI)"];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        PortAllocator.EnsureAvailable(SmtpPort, Name, "maildev SMTP", _log.PidFilePath, $"set ConnectionStrings__{Name} to use a running SMTP server");
        PortAllocator.EnsureAvailable(WebPort, Name, "maildev web UI", _log.PidFilePath);
        var maildev = ToolLocator.MailDev(Name, _repositoryRoot);
        var mail = Path.Combine(DataDirectory, "mail");
        Directory.CreateDirectory(mail);
        _process = ChildProcess.Start(
            new ChildProcessStartInfo(
                maildev,
                ["--ip", "127.0.0.1", "--smtp", SmtpPort.ToString(CultureInfo.InvariantCulture),
                 "--web-ip", "127.0.0.1", "--web", WebPort.ToString(CultureInfo.InvariantCulture), "--mail-directory", mail])
            {
                WorkingDirectory = DataDirectory,
            },
            _log);

        var health = new Uri(WebUrl, "/api/healthz");
        try
        {
            await HealthProbes.WaitUntilAsync(Name, ct => HealthProbes.HttpOkAsync(health, ct), _process, _log,
                TimeSpan.FromSeconds(30), $"GET {health} answering 200", cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }

        _log.Info($"ready: {ConnectionString}, web UI {WebUrl}");
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _log.Info("stopping");
        await _process.StopAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _log.Dispose();
    }
}
