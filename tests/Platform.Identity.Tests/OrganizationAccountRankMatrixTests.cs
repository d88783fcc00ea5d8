using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Model;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>
/// Every account action × caller owner/admin/manager/member × target owner/admin/manager/member, for accounts
/// the organization manages, accounts it does not (the person's own), and another organization's, from one
/// arrangement. Refused cells must change nothing; allowed cells run the whole life of an account.
/// </summary>
public sealed class OrganizationAccountRankMatrixTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    private static readonly string[] Ranks = ["owner", "admin", "manager", "member"];

    /// <summary>Every action on an existing account, in an order an allowed caller can run on one account (unlock meets an unlocked account: 409).</summary>
    private static readonly (string Action, HttpStatusCode Allowed)[] Actions =
    [
        ("get", HttpStatusCode.OK), ("edit", HttpStatusCode.OK), ("reset-link", HttpStatusCode.OK), ("reset-temporary", HttpStatusCode.OK),
        ("suspend", HttpStatusCode.OK), ("reactivate", HttpStatusCode.OK), ("unlock", HttpStatusCode.Conflict), ("archive", HttpStatusCode.OK),
        ("restore", HttpStatusCode.OK), ("archive", HttpStatusCode.OK), ("delete", HttpStatusCode.OK),
    ];

    private enum Kind { Managed, Unmanaged, Foreign }

    [Fact]
    public async Task Every_action_by_every_rank_on_every_rank_managed_unmanaged_and_foreign()
    {
        var admin = service.AdminClient();
        async Task<Guid> NewAccountAsync() => (await admin.CreateUserAsync(initialPassword: null)).Id();

        var callers = new Dictionary<string, Guid>();
        foreach (var rank in Ranks) callers[rank] = await NewAccountAsync();
        var organization = await service.OrganizationAsync(false, Ranks.Select(rank => (callers[rank], rank)).ToArray());
        var foreignOwner = await NewAccountAsync();
        var foreign = await service.OrganizationAsync(false, (foreignOwner, "owner"));

        // Targets that every refused caller meets; the allowed cells get an account each, since they change it.
        var targets = new Dictionary<(Kind, string), Guid>();
        foreach (var rank in Ranks)
        {
            targets[(Kind.Managed, rank)] = (await service.CreateManagedAsync(organization, callers["owner"], rank)).Id();
            targets[(Kind.Foreign, rank)] = (await service.CreateManagedAsync(foreign, foreignOwner, rank)).Id();
            var unmanaged = await NewAccountAsync();
            await service.GrantAsync(organization, (unmanaged, rank));
            targets[(Kind.Unmanaged, rank)] = unmanaged;
        }

        var failures = new List<string>();
        var refused = new HashSet<Guid>();
        foreach (var caller in Ranks)
        {
            var client = service.MemberClient(callers[caller]);
            var create = await client.PostAsJsonAsync($"/organizations/{organization}/accounts",
                new { firstName = "New", lastName = "Person", email = Registrations.UniqueEmail("matrix") });
            Expect(failures, $"{caller} creates", caller is "owner" or "admin" ? HttpStatusCode.Created : HttpStatusCode.Forbidden, create.StatusCode);
            var createForeign = await client.PostAsJsonAsync($"/organizations/{foreign}/accounts",
                new { firstName = "New", lastName = "Person", email = Registrations.UniqueEmail("matrix") });
            Expect(failures, $"{caller} creates in a foreign organization", HttpStatusCode.NotFound, createForeign.StatusCode);

            foreach (var kind in Enum.GetValues<Kind>())
            {
                foreach (var target in Ranks)
                {
                    var expected = Expected(caller, target, kind);
                    var account = expected is null ? (await service.CreateManagedAsync(organization, callers["owner"], target)).Id() : targets[(kind, target)];
                    if (expected is not null) refused.Add(account);
                    foreach (var (action, allowed) in Actions)
                    {
                        var status = (await SendAsync(client, organization, account, action)).StatusCode;
                        Expect(failures, $"{caller} {action} {kind} {target}", expected ?? allowed, status);
                    }

                    if (kind == Kind.Foreign)
                    {
                        Expect(failures, $"{caller} on the foreign organization's route", HttpStatusCode.NotFound,
                            (await SendAsync(client, foreign, account, "suspend")).StatusCode);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var changed = await service.WithDbAsync(db => db.Users.Where(u => refused.Contains(u.Id) && (u.State != UserState.Pending || u.LastName != "Lovelace" && u.LastName != "Hopper")).CountAsync());
        Assert.Equal(0, changed);
        Assert.False(await service.WithDbAsync(db => db.AuditEntries.AnyAsync(
            a => a.TargetUserId != null && refused.Contains(a.TargetUserId.Value) && a.OrganizationId != null && a.Action != "admin.user-created")));
    }

    /// <summary>The rules, stated once more as a table: null is allowed, otherwise the refusal's status.</summary>
    private static HttpStatusCode? Expected(string caller, string target, Kind kind) =>
        caller is not ("owner" or "admin") ? HttpStatusCode.Forbidden
        : kind == Kind.Foreign ? HttpStatusCode.NotFound
        : Array.IndexOf(Ranks, target) <= Array.IndexOf(Ranks, caller) ? HttpStatusCode.Forbidden
        : kind == Kind.Unmanaged ? HttpStatusCode.Forbidden
        : null;

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Guid organization, Guid account, string action)
    {
        var path = $"/organizations/{organization}/accounts/{account}";
        return action switch
        {
            "get" => client.GetAsync(path),
            "edit" => client.PutAsJsonAsync(path, new { firstName = "Edited", lastName = "Name", email = Registrations.UniqueEmail("edited") }),
            "reset-link" => client.PostAsJsonAsync($"{path}/password-reset", new { mode = "link" }),
            "reset-temporary" => client.PostAsJsonAsync($"{path}/password-reset", new { mode = "temporary", temporaryPassword = Password }),
            _ => client.PostAsJsonAsync($"{path}/{action}", new { }),
        };
    }

    private static void Expect(List<string> failures, string cell, HttpStatusCode expected, HttpStatusCode actual)
    {
        if (expected != actual) failures.Add($"{cell}: expected {(int)expected}, got {(int)actual}");
    }
}
