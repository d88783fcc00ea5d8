using Microsoft.Extensions.Options;

namespace Platform.Notifications.Delivery;

/// <summary>Wakes the webhook workers when a consumer queued deliveries; polling covers other replicas.</summary>
public sealed class WebhookSignal(IOptions<WebhookOptions> options)
{
    private readonly SemaphoreSlim signal = new(0, Math.Max(1, options.Value.Concurrency));

    public void Notify(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            try { signal.Release(); }
            catch (SemaphoreFullException) { return; }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
