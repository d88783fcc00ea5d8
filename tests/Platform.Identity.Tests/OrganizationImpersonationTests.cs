using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Authentication;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>An organization admin's impersonation request, refused in every case the rules forbid, before any session is touched.</summary>
public sealed class OrganizationImpersonationTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    private const string Reason = "Member reports a broken order form";

    [Fact]
    public async Task Refused_for_equal_or_higher_rank_platform_admins_non_members_and_when_not_allowed_and_404_for_outsiders()
    {
        var admin = service.AdminClient();
        var actor = (await admin.CreateUserAsync()).Id();
        var peer = (await admin.CreateUserAsync()).Id();
        var member = (await admin.CreateUserAsync()).Id();
        var outsider = (await admin.CreateUserAsync()).Id();
        var organization = await OrganizationAsync(adminsMayImpersonate: true, (actor, "admin"), (peer, "admin"), (member, "member"));
        var closed = await OrganizationAsync(adminsMayImpersonate: false, (actor, "admin"), (member, "member"));
        var caller = service.Host.CreateClientAs(new InternalIdentity(actor, SessionId: "no-live-session"));

        foreach (var (org, target, expected) in new[]
        {
            (organization, peer, "equal or higher rank"),
            (organization, outsider, "not a member"),
            (organization, Guid.NewGuid(), "not a member"),
            (closed, member, "does not allow"),
            (organization, member, "other organizations"), // a member of both: the session would reach the other one too
        })
        {
            var problem = await (await StartAsync(caller, org, target)).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains(expected, problem.GetProperty("detail").GetString());
        }

        await (await StartAsync(service.Host.CreateClientAs(new InternalIdentity(outsider, SessionId: "x")), organization, member)).ProblemAsync(HttpStatusCode.NotFound);
        await (await StartAsync(caller, Guid.NewGuid(), member)).ProblemAsync(HttpStatusCode.NotFound);
        await (await StartAsync(caller, organization, member, reason: "short")).AssertValidationProblemAsync("reason");
        await (await StartAsync(service.Host.CreateClientAs(new InternalIdentity(actor, SessionId: "x", ImpersonatorId: Guid.NewGuid())), organization, member))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await service.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "impersonation.started" && a.ActorId == actor)));
    }

    [Fact]
    public async Task A_platform_administrator_is_never_impersonated_even_as_a_plain_member()
    {
        var admin = service.AdminClient();
        var actor = (await admin.CreateUserAsync()).Id();
        var platformAdmin = (await admin.CreateUserAsync()).Id();
        await service.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == platformAdmin)).GrantPlatformAdmin();
            return await db.SaveChangesAsync();
        });
        var organization = await OrganizationAsync(adminsMayImpersonate: true, (actor, "owner"), (platformAdmin, "viewer"));

        var response = await StartAsync(service.Host.CreateClientAs(new InternalIdentity(actor, SessionId: "x")), organization, platformAdmin);

        Assert.Contains("Platform administrators", (await response.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, Guid organization, Guid target, string reason = Reason) =>
        client.PostAsJsonAsync($"/organizations/{organization}/members/{target}/impersonate", new { reason });

    private Task<Guid> OrganizationAsync(bool adminsMayImpersonate, params (Guid User, string Rank)[] members) =>
        service.OrganizationAsync(adminsMayImpersonate, members);
}
