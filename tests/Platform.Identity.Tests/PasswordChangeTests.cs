using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Tests;

/// <summary>Changing my password ends my other sessions unless I ask to keep them, as Keycloak does; mine stays.</summary>
public sealed class PasswordChangeTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    private const string NewPassword = "lichen-on-the-northern-wall-42";

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_by_default_and_keeps_the_callers()
    {
        var (userId, mine) = await UserWithTwoSessionsAsync();

        var changed = await service.Host.CreateClientAs(new InternalIdentity(userId, mine))
            .PostAsJsonAsync("/account/password", new { currentPassword = AdminUsers.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var left = await service.Host.Services.GetRequiredService<SessionStore>().ListAsync(userId);
        Assert.Equal([mine], left.Select(s => s.Handle));
    }

    [Fact]
    public async Task Changing_the_password_keeps_the_other_sessions_when_asked_to()
    {
        var (userId, mine) = await UserWithTwoSessionsAsync();

        var changed = await service.Host.CreateClientAs(new InternalIdentity(userId, mine))
            .PostAsJsonAsync("/account/password", new { currentPassword = AdminUsers.Password, newPassword = NewPassword, endOtherSessions = false });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, await service.SessionCountAsync(userId));
    }

    private async Task<(Guid UserId, string MyHandle)> UserWithTwoSessionsAsync()
    {
        var user = await service.AdminClient().CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), AdminUsers.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), AdminUsers.Password)).StatusCode);
        var sessions = await service.Host.Services.GetRequiredService<SessionStore>().ListAsync(user.Id());
        Assert.Equal(2, sessions.Count);
        return (user.Id(), sessions[^1].Handle);
    }
}
