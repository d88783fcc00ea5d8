namespace Platform.Notifications.Delivery;

/// <summary>Wakes the delivery workers when a consumer queued an email, instead of waiting for the next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public void Notify(int count = 1) => signal.Release(Math.Max(1, count));

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
