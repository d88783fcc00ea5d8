namespace Platform.Notifications.Tests;

/// <summary>An SMTP sink of its own to stop and start, and production's first retry delay (30 s), which a fault must not wait out.</summary>
public sealed class ProductionRetryMailServerFixture : OwnMailServerFixture
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Email:FirstRetryDelay"] = "00:00:30";
    }
}

/// <summary>The service sending to an SMTP server that closes idle connections with 421, with production's retry delay.</summary>
public sealed class IdleClosingSmtpFixture : NotificationsServiceFixture
{
    public IdleClosingSmtpServer SmtpServer { get; } = new(TimeSpan.FromSeconds(1));

    public override Task InitializeAsync()
    {
        SmtpServer.Start();
        return base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:smtp"] = SmtpServer.ConnectionString;
        settings["Email:Concurrency"] = "1";
        settings["Email:FirstRetryDelay"] = "00:00:30";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await SmtpServer.DisposeAsync();
    }
}
