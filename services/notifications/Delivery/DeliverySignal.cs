using Microsoft.Extensions.Options;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Wakes the delivery workers when a consumer queued emails, instead of waiting for the next poll.
/// At most one wake-up per worker is kept: a broadcast of thousands wakes them all once, and they
/// keep claiming batches until nothing is due.
/// </summary>
public sealed class DeliverySignal(IOptions<EmailOptions> options)
{
    private readonly SemaphoreSlim signal = new(0, Math.Max(1, options.Value.Concurrency));

    public void Notify(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            try { signal.Release(); }
            catch (SemaphoreFullException) { return; /* every worker is already woken */ }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
