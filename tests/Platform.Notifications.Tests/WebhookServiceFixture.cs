namespace Platform.Notifications.Tests;

/// <summary>
/// The service as a developer runs it against a receiver on this machine: private addresses and plain
/// http allowed, retries seconds apart, an endpoint disabled after three failures in a row.
/// </summary>
public sealed class WebhookServiceFixture : NotificationsServiceFixture
{
    public WebhookReceiver Receiver { get; private set; } = null!;
    public string OperatorEmail { get; } = IdentityEvents.NewAddress("operator");

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Webhooks:AllowPrivateAddresses"] = "true";
        settings["Webhooks:PollInterval"] = "00:00:00.100";
        settings["Webhooks:FirstRetryDelay"] = "00:00:00.500";
        settings["Webhooks:MaxRetryDelay"] = "00:00:02";
        settings["Webhooks:DisableAfterConsecutiveFailures"] = "3";
        settings["Webhooks:OperatorEmail"] = OperatorEmail;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
