using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Tests;

/// <summary>Builds what an API test needs through the API itself; accounts are seeded in the directory, as identity's events would.</summary>
public sealed class Scenario(MembershipServiceFixture service)
{
    public HttpClient Client(Guid userId) => service.Host.CreateClientAs(new InternalIdentity(userId));

    public HttpClient PlatformAdmin() => service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));

    public async Task<Guid> UserAsync(string firstName = "Pat", string? accountState = null)
    {
        var id = Guid.NewGuid();
        await service.WithDbAsync(async db =>
        {
            var user = DirectoryUser.FromRegistration(id, $"person-{id:N}@example.com", firstName, $"Person{id:N}"[..12], DateTimeOffset.UtcNow);
            user.MarkVerified(user.Email, DateTimeOffset.UtcNow);
            if (accountState is not null) user.ChangeAccountState(accountState, DateTimeOffset.UtcNow);
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    public async Task<(Guid Organization, Guid Owner)> OrganizationAsync()
    {
        var owner = await UserAsync("Olive");
        var created = await Client(owner).PostAsJsonAsync("/organizations", new { name = "Org", slug = $"org-{Guid.NewGuid():N}" });
        return (await IdAsync(created), owner);
    }

    public async Task<Guid> UnitAsync(Guid org, Guid actor, string name, Guid? parentId = null) =>
        await IdAsync(await Client(actor).PostAsJsonAsync($"/organizations/{org}/units", new { name, label = "branch", parentId }));

    public async Task<Guid> MemberAsync(Guid org, Guid actor, string rank, Guid? scopeUnitId = null, Guid[]? unitIds = null, string firstName = "Pat")
    {
        var person = await UserAsync(firstName);
        var added = await Client(actor).PostAsJsonAsync($"/organizations/{org}/members", new { email = $"person-{person:N}@example.com", rank, scopeUnitId, unitIds });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return person;
    }

    public async Task<string> PermissionAsync(string prefix)
    {
        var key = $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var registered = await PlatformAdmin().PostAsJsonAsync("/permissions", new { key, description = $"The app's {prefix}" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return key;
    }

    public async Task<Guid> RoleAsync(Guid org, Guid actor, string name, params string[] permissions) =>
        await IdAsync(await Client(actor).PostAsJsonAsync($"/organizations/{org}/roles", new { name, description = $"The {name}s", permissions }));

    public Task<HttpResponseMessage> GrantAsync(Guid org, Guid actor, Guid member, Guid roleId, string scope = "organization", Guid? unitId = null) =>
        Client(actor).PostAsJsonAsync($"/organizations/{org}/members/{member}/roles", new { roleId, scope, unitId });

    public async Task<Guid> GrantedAsync(Guid org, Guid actor, Guid member, Guid roleId, string scope = "organization", Guid? unitId = null) =>
        await IdAsync(await GrantAsync(org, actor, member, roleId, scope, unitId));

    public async Task<Guid> GroupAsync(Guid org, Guid actor, string kind, object? rule = null, string? name = null) =>
        await IdAsync(await Client(actor).PostAsJsonAsync($"/organizations/{org}/groups", new { name = name ?? $"Group {Guid.NewGuid():N}"[..14], kind, rule }));

    public async Task<JsonElement> AccessAsync(Guid org, Guid user, string permission, Guid? unitId = null, Guid? ownerId = null) =>
        await Client(user).GetFromJsonAsync<JsonElement>(
            $"/authorization/check?organizationId={org}&permission={permission}{(unitId is null ? "" : $"&unitId={unitId}")}{(ownerId is null ? "" : $"&ownerId={ownerId}")}");

    /// <summary>The group's members by id, in id order (compare with <see cref="Sorted"/>).</summary>
    public async Task<List<Guid>> GroupMembersAsync(Guid org, Guid actor, Guid group)
    {
        var page = await Client(actor).GetFromJsonAsync<JsonElement>($"/organizations/{org}/groups/{group}/members?pageSize=200");
        return page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).Order().ToList();
    }

    public static List<Guid> Sorted(params Guid[] ids) => ids.Order().ToList();

    public Task<T> WithDbAsync<T>(Func<Platform.Membership.Infrastructure.MembershipDbContext, Task<T>> query) => service.WithDbAsync(query);

    public Task ChangeUserAsync(Guid userId, Action<DirectoryUser> change) => service.WithDbAsync(async db =>
    {
        change(await db.Users.SingleAsync(u => u.Id == userId));
        return await db.SaveChangesAsync();
    });

    public static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
