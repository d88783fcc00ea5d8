using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Gateway.Tests;

/// <summary>An organization that requires two-factor sends its members without it to enrolment at their next login.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RequiredTwoFactorTests(GatewayFixture platform)
{
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task A_member_without_two_factor_is_held_to_enrolment_until_they_enrol()
    {
        var (userId, email) = await callers.VerifiedUserAsync("must-enrol");
        var organization = await callers.OwnOrganizationAsync(platform, await callers.LogInForCookieAsync(email), userId);
        await RequireTwoFactorAsync(organization);

        var login = await callers.LogInAsync(email);
        Assert.True((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactorEnrolmentRequired").GetBoolean());
        var cookie = Callers.SessionCookieOf(login);

        var refused = await Problems.AssertProblemAsync(await callers.WithCookieAsync(HttpMethod.Get, "/api/membership/organizations", cookie), HttpStatusCode.Forbidden);
        Assert.Equal("urn:platform:problem:two-factor-enrolment-required", refused.GetProperty("type").GetString());
        await Problems.AssertProblemAsync(await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/sessions", cookie), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/sessions/current", cookie)).StatusCode);

        var enrolment = await (await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor", cookie, new { password = Callers.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var code = new Totp(Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString()!)).ComputeTotp(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor/confirm", cookie, new { code })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/membership/organizations", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/sessions", cookie)).StatusCode);
    }

    [Fact]
    public async Task Members_of_organizations_without_the_requirement_are_not_held()
    {
        var (userId, email) = await callers.VerifiedUserAsync("free");
        await callers.OwnOrganizationAsync(platform, await callers.LogInForCookieAsync(email), userId);

        var login = await callers.LogInAsync(email);

        Assert.False((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactorEnrolmentRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/membership/organizations", Callers.SessionCookieOf(login))).StatusCode);
    }

    [Fact]
    public async Task A_session_that_must_also_change_its_password_does_that_first()
    {
        var (userId, _) = await platform.RegisterUserAsync("both");
        var now = DateTimeOffset.UtcNow;
        var cookie = await platform.StoreSessionAsync(new SessionRecord(userId, now, now, now.AddHours(1), TimeSpan.FromMinutes(30),
            PasswordChangeRequired: true, TwoFactorEnrolmentRequired: true), TimeSpan.FromHours(1));

        var enrol = await Problems.AssertProblemAsync(
            await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor", cookie, new { password = Callers.Password }), HttpStatusCode.Forbidden);

        Assert.Equal("urn:platform:problem:password-change-required", enrol.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie)).StatusCode);
    }

    /// <summary>Membership's event for the setting (published here as membership would).</summary>
    private async Task RequireTwoFactorAsync(Guid organization)
    {
        await using var bus = await TestBus.StartAsync(platform.Context.Servers.RabbitMq, platform.Context.MessagingPrefix);
        await bus.PublishAsync(new OrganizationSecurityChanged(organization, RequireTwoFactor: true, AdminsMayImpersonate: false, null, DateTimeOffset.UtcNow), Guid.NewGuid());
        await platform.WaitForIdentityAsync(db => db.Organizations.AnyAsync(o => o.Id == organization && o.RequireTwoFactor), "identity to learn the requirement");
    }
}
