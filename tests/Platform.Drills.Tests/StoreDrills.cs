using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace Platform.Drills.Tests;

/// <summary>
/// PostgreSQL and Redis restart under load. No 500: a 503 with Retry-After is allowed while a store is
/// away. These depend on the gateway's and the services' handling of those faults (issue 11, items 13 and 14).
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class StoreDrills(DrillPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public Task PostgreSQL_restarted_under_a_request_loop_answers_no_500_and_recovers() =>
        RestartUnderLoadAsync("postgres");

    /// <summary>The session outlives the restart too: local Redis keeps its data (append-only file).</summary>
    [Fact]
    public Task Redis_restarted_with_a_logged_in_session_keeps_the_session_and_answers_no_500() =>
        RestartUnderLoadAsync("redis");

    private async Task RestartUnderLoadAsync(string store)
    {
        var user = await GatewayUser.SignUpAsync(platform.Gateway, platform.MailApi, "Pia");
        var answers = await UnderLoadAsync(user, async () =>
        {
            await platform.StopAsync(store);
            await platform.StartAsync(store);
        });

        output.WriteLine($"{store} restarted: {answers.Count} requests; "
            + string.Join(", ", answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.DoesNotContain(answers, a => a.Status == 0 || ((int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.True(a.RetryAfter, "a 503 says when to try again"));
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/identity/account")).StatusCode);
    }

    /// <summary>Four clients ask for the account in a loop: 2 s before the fault, during it, and 5 s after.</summary>
    private static async Task<List<Answer>> UnderLoadAsync(GatewayUser user, Func<Task> fault)
    {
        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await user.Http.GetAsync("/api/identity/account");
                    answers.Add(new Answer(response.StatusCode, response.Headers.RetryAfter is not null));
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    answers.Add(new Answer(0, RetryAfter: false));
                }

                await Task.Delay(20);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await fault();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        return [.. answers];
    }

    private sealed record Answer(HttpStatusCode Status, bool RetryAfter);
}
