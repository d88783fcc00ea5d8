using System.Net;
using System.Net.Http.Json;

namespace Platform.Drills.Tests;

/// <summary>People signing up through the gateway, a few at a time, as a busy morning would.</summary>
public static class SignUps
{
    public static List<string> Addresses(string drill, int count) =>
        Enumerable.Range(0, count).Select(i => $"{drill}-{i}-{Guid.NewGuid():N}@example.com").ToList();

    /// <summary>
    /// Signs each address up, four at a time. A sign-up that got no answer, or a 5xx, is tried again, as a
    /// person would press the button again: the drill checks that nothing is lost and nothing doubled.
    /// </summary>
    public static async Task<List<HttpStatusCode>> SignUpAllAsync(Uri gateway, IReadOnlyList<string> addresses, TimeSpan? retryFor = null)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var answers = new HttpStatusCode[addresses.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, addresses.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var until = DateTime.UtcNow + (retryFor ?? TimeSpan.Zero);
            while (true)
            {
                try
                {
                    var response = await http.PostAsJsonAsync("/api/identity/accounts",
                        new { email = addresses[i], password = GatewayUser.Password, firstName = "Drill", lastName = $"Person {i}" });
                    answers[i] = response.StatusCode;
                    if ((int)response.StatusCode < 500 || DateTime.UtcNow > until) return;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && DateTime.UtcNow <= until)
                {
                }

                await Task.Delay(250);
            }
        });
        return [.. answers];
    }
}
