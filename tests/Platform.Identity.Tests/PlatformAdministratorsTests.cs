using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>Platform administrators granting and revoking the role through the API, audited, never leaving nobody in charge.</summary>
public sealed class PlatformAdministratorsTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task A_platform_administrator_grants_the_role_and_the_grantee_logs_in_as_one_and_it_is_audited()
    {
        var actor = Guid.NewGuid();
        var admin = service.AdminClient(actor);
        var user = await admin.CreateUserAsync();

        var granted = await admin.PutAsync($"/admin/users/{user.Id()}/platform-admin", null);
        var again = await admin.PutAsync($"/admin/users/{user.Id()}/platform-admin", null);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.True((await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("platformAdmin").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var login = await service.LogInAsync(user.Email(), Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var sessions = await service.Host.Services.GetRequiredService<SessionStore>().ListAsync(user.Id());
        Assert.NotEmpty(sessions);
        Assert.All(sessions, session => Assert.True(session.Record.PlatformAdmin));
        Assert.Equal(1, await service.WithDbAsync(db => db.AuditEntries.CountAsync(
            a => a.Action == "admin.platform-admin-granted" && a.ActorId == actor && a.TargetUserId == user.Id())));
    }

    [Fact]
    public async Task Revoking_ends_the_sessions_that_carry_the_role_and_is_audited()
    {
        var actor = Guid.NewGuid();
        var admin = service.AdminClient(actor);
        var user = await admin.CreateUserAsync();
        await admin.PutAsync($"/admin/users/{user.Id()}/platform-admin", null);
        await admin.PutAsync($"/admin/users/{(await admin.CreateUserAsync()).Id()}/platform-admin", null); // never the last one here
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);

        var revoked = await admin.DeleteAsync($"/admin/users/{user.Id()}/platform-admin");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("platformAdmin").GetBoolean());
        Assert.Equal(0, await service.SessionCountAsync(user.Id()));
        Assert.Equal(1, await service.WithDbAsync(db => db.AuditEntries.CountAsync(
            a => a.Action == "admin.platform-admin-revoked" && a.ActorId == actor && a.TargetUserId == user.Id())));
    }

    [Fact]
    public async Task The_last_platform_administrator_keeps_the_role_until_another_has_it()
    {
        var first = await service.AdminClient().CreateUserAsync();
        var second = await service.AdminClient().CreateUserAsync();
        var asFirst = service.AdminClient(first.Id());
        Assert.Equal(HttpStatusCode.OK, (await asFirst.PutAsync($"/admin/users/{first.Id()}/platform-admin", null)).StatusCode);
        // Whatever other tests of this class left behind: the first one revokes every other administrator.
        foreach (var other in await service.WithDbAsync(db => db.Users.Where(u => u.IsPlatformAdmin && u.Id != first.Id()).Select(u => u.Id).ToListAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, (await asFirst.DeleteAsync($"/admin/users/{other}/platform-admin")).StatusCode);
        }

        var problem = await (await asFirst.DeleteAsync($"/admin/users/{first.Id()}/platform-admin")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("last platform administrator", problem.GetProperty("detail").GetString());
        Assert.True(await service.WithDbAsync(db => db.Users.Where(u => u.Id == first.Id()).Select(u => u.IsPlatformAdmin).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await asFirst.PutAsync($"/admin/users/{second.Id()}/platform-admin", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asFirst.DeleteAsync($"/admin/users/{first.Id()}/platform-admin")).StatusCode);
    }

    [Fact]
    public async Task Bad_ids_unknown_users_unusable_accounts_and_non_administrators_are_refused_with_a_problem()
    {
        var admin = service.AdminClient();
        var suspended = await admin.CreateUserAsync();
        await admin.PostAsync(suspended.Id(), "suspend");

        await (await admin.PutAsync("/admin/users/not-a-uuid/platform-admin", null)).AssertValidationProblemAsync("id");
        await (await admin.PutAsync($"/admin/users/{Guid.NewGuid()}/platform-admin", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/admin/users/{Guid.NewGuid()}/platform-admin")).ProblemAsync(HttpStatusCode.NotFound);
        var refused = await (await admin.PutAsync($"/admin/users/{suspended.Id()}/platform-admin", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("suspended", refused.GetProperty("detail").GetString());
        var plain = service.Host.CreateClientAs(new InternalIdentity(suspended.Id()));
        await (await plain.PutAsync($"/admin/users/{suspended.Id()}/platform-admin", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await service.Host.CreateClient().DeleteAsync($"/admin/users/{suspended.Id()}/platform-admin")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
