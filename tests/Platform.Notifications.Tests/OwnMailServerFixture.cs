namespace Platform.Notifications.Tests;

/// <summary>
/// The service with servers of its own (the AppHost's, started for this fixture), so a test may stop and start the
/// SMTP sink without disturbing other tests. One worker sending five at a time, so the order in which deliveries
/// are claimed shows.
/// </summary>
public class OwnMailServerFixture : NotificationsServiceFixture
{
    private string smtp = "";

    public AppHostInfrastructure Servers { get; private set; } = null!;

    public Uri MailWebUrl => Servers.Inbox;

    public override async Task InitializeAsync()
    {
        Servers = await AppHostInfrastructure.StartAsync();
        smtp = await Servers.ConnectionStringAsync("smtp");
        await base.InitializeAsync();
        Mail = new MailDevClient(Servers.Inbox);
    }

    public Task StopMailServerAsync() => Servers.StopResourceAsync("smtp");

    public Task StartMailServerAsync() => Servers.StartResourceAsync("smtp");

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:smtp"] = smtp;
        settings["Email:Concurrency"] = "1";
        settings["Email:BatchSize"] = "5";
        settings["Email:FirstRetryDelay"] = "00:00:00.500";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Servers.DisposeAsync();
    }
}
