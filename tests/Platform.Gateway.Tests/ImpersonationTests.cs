using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Infrastructure;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>A platform administrator acting as a user: with a reason, for a limited time, seen by the user, never for credentials.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ImpersonationTests(GatewayFixture platform)
{
    private const string Reason = "Customer ticket 4711: cannot see their invoices";
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task An_administrator_acts_as_a_user_and_ending_it_returns_to_their_own_session()
    {
        var adminId = Guid.CreateVersion7();
        var admin = await callers.PlatformAdminSessionAsync(adminId);
        var (userId, email) = await callers.VerifiedUserAsync("impersonated");
        var (otherId, _) = await callers.VerifiedUserAsync("bystander");

        Assert.Equal(HttpStatusCode.BadRequest, (await StartAsync(admin, userId, "because")).StatusCode);
        var started = await StartAsync(admin, userId, Reason);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.False(started.Headers.Contains("Set-Cookie")); // the administrator's cookie stays; its session now points at the user's

        var probe = ForwardedRequests.NewProbe();
        var account = await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", admin, probe: probe);
        Assert.Equal(email, (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        var forwarded = callers.ForwardedToken(probe);
        Assert.Equal(userId.ToString(), forwarded.Subject);
        Assert.Equal(adminId.ToString(), JsonDocument.Parse(forwarded.GetClaim(InternalClaims.Actor).Value).RootElement.GetProperty("sub").GetString());
        Assert.False(forwarded.TryGetClaim(InternalClaims.PlatformAdmin, out _));
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account/export", admin)).StatusCode);

        // The user sees it: in their sessions and in their audit trail.
        var own = await callers.LogInForCookieAsync(email);
        var sessions = await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/sessions", own)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(sessions.EnumerateArray(), s => s.GetProperty("impersonatedBy").ValueKind == JsonValueKind.String
            && s.GetProperty("impersonatedBy").GetGuid() == adminId);
        var history = (await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account/export", own)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("history").EnumerateArray().ToList();
        var entry = Assert.Single(history, e => e.GetProperty("action").GetString() == "impersonation.started");
        Assert.Equal(adminId, entry.GetProperty("actorId").GetGuid());
        Assert.Contains(Reason, entry.GetProperty("detail").GetString());
        // What the administrator did as the user carries both identities.
        var export = Assert.Single(history, e => e.GetProperty("action").GetString() == "account.data-exported");
        Assert.Equal($"impersonated by {adminId}", export.GetProperty("detail").GetString());

        // Ending it: the cookie speaks for the administrator again.
        var ended = await callers.WithCookieAsync(HttpMethod.Delete, "/api/identity/sessions/current", admin);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.False(ended.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, $"/api/identity/admin/users/{otherId}", admin)).StatusCode);
        probe = ForwardedRequests.NewProbe();
        await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", admin, probe: probe);
        Assert.Equal(adminId.ToString(), callers.ForwardedToken(probe).Subject);
        Assert.False(callers.ForwardedToken(probe).TryGetClaim(InternalClaims.Actor, out _));
    }

    [Fact]
    public async Task Sensitive_actions_are_refused_while_impersonating()
    {
        var admin = await callers.PlatformAdminSessionAsync();
        var (userId, _) = await callers.VerifiedUserAsync("sensitive");
        var (otherId, _) = await callers.VerifiedUserAsync("next");
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(admin, userId, Reason)).StatusCode);

        (HttpMethod Method, string Path, object Body)[] sensitive =
        [
            (HttpMethod.Post, "/api/identity/account/password", new { currentPassword = Callers.Password, newPassword = "a whole new passphrase here" }),
            (HttpMethod.Post, "/api/identity/account/email", new { password = Callers.Password, newEmail = Registrations.UniqueEmail("elsewhere") }),
            (HttpMethod.Post, "/api/identity/account/two-factor", new { password = Callers.Password }),
            (HttpMethod.Delete, "/api/identity/account/two-factor", new { password = Callers.Password }),
            (HttpMethod.Post, "/api/identity/account/tokens", new { name = "x", scopes = new[] { "account.read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1) }),
            (HttpMethod.Get, "/api/identity/account/tokens", new { }),
            (HttpMethod.Post, $"/api/identity/admin/users/{otherId}/impersonate", new { reason = Reason }),
        ];
        foreach (var (method, path, body) in sensitive)
        {
            var response = await callers.WithCookieAsync(method, path, admin, method == HttpMethod.Get ? null : body);
            await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await callers.LogInAsync((await UserEmailAsync(userId))!)).StatusCode); // the password is unchanged
    }

    [Fact]
    public async Task A_platform_administrator_is_never_impersonated()
    {
        var admin = await callers.PlatformAdminSessionAsync();
        var (otherAdminId, _) = await callers.VerifiedUserAsync("otheradmin");
        await using (var scope = platform.Identity.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            (await db.Users.FindAsync(otherAdminId))!.GrantPlatformAdmin();
            await db.SaveChangesAsync();
        }

        await Problems.AssertProblemAsync(await StartAsync(admin, otherAdminId, Reason), HttpStatusCode.Forbidden);
        var (_, email) = await callers.VerifiedUserAsync("plainuser");
        var member = await callers.LogInForCookieAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await StartAsync(member, otherAdminId, Reason)).StatusCode); // only administrators start one
    }

    [Fact]
    public async Task An_impersonation_ends_at_its_time_limit()
    {
        var adminId = Guid.CreateVersion7();
        var admin = await callers.PlatformAdminSessionAsync(adminId);
        var (userId, _) = await callers.VerifiedUserAsync("expiring");
        var clocked = platform.GatewayClient(platform.ClockedGateway);
        platform.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(admin, userId, Reason)).StatusCode);
        Assert.Equal(userId, await SubjectSeenAsync(admin, clocked));

        platform.Clock.Advance(TimeSpan.FromMinutes(20)); // used: both sessions slide
        Assert.Equal(userId, await SubjectSeenAsync(admin, clocked));
        platform.Clock.Advance(TimeSpan.FromMinutes(11)); // past the impersonation's 30 minutes, within the administrator's session
        Assert.Equal(adminId, await SubjectSeenAsync(admin, clocked));
    }

    private Task<HttpResponseMessage> StartAsync(string cookie, Guid userId, string reason) =>
        callers.WithCookieAsync(HttpMethod.Post, $"/api/identity/admin/users/{userId}/impersonate", cookie, new { reason });

    private async Task<Guid> SubjectSeenAsync(string cookie, HttpClient client)
    {
        var probe = ForwardedRequests.NewProbe();
        await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie, probe: probe, client: client);
        return Guid.Parse(callers.ForwardedToken(probe).Subject);
    }

    private async Task<string?> UserEmailAsync(Guid userId)
    {
        await using var scope = platform.Identity.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.FindAsync(userId))?.Email;
    }
}
