using Platform.AppHost.Hosting;

namespace Platform.Notifications.Tests;

/// <summary>
/// The service with an SMTP sink of its own (maildev, started with the AppHost's launcher), which a
/// test may stop and start again without disturbing other tests. One worker sending five at a time,
/// so the order in which deliveries are claimed shows.
/// </summary>
public class OwnMailServerFixture : NotificationsServiceFixture
{
    private readonly string data = Path.Combine(Path.GetTempPath(), $"platform-mail-{Guid.NewGuid():N}");

    public MailDevServer MailServer { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        MailServer = new MailDevServer(data, name: "smtp-own", echoToConsole: false);
        await MailServer.StartAsync();
        await base.InitializeAsync();
        Mail = new MailDevClient(MailServer.WebUrl);
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:smtp"] = MailServer.ConnectionString;
        settings["Email:Concurrency"] = "1";
        settings["Email:BatchSize"] = "5";
        settings["Email:FirstRetryDelay"] = "00:00:00.500";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await MailServer.DisposeAsync();
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { /* a file still held by the exiting process; the temp folder is reclaimed later */ }
    }
}
