namespace Platform.Testing;

/// <summary>Waits for an outcome that arrives asynchronously (a consumed event, an email), failing with a reason.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string waitingFor, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {waitingFor}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>As <see cref="GetAsync{T}"/>, for value types such as a JsonElement found in a response.</summary>
    public static async Task<T> GetValueAsync<T>(Func<Task<T?>> probe, string waitingFor, TimeSpan? timeout = null) where T : struct =>
        (await GetAsync(probe, waitingFor, timeout))!.Value;

    public static Task TrueAsync(Func<Task<bool>> probe, string waitingFor, TimeSpan? timeout = null) =>
        GetAsync<object>(async () => await probe() ? new object() : null, waitingFor, timeout);
}
