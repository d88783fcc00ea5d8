using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Tests;

/// <summary>
/// Builds one test's organization the way approvals learns about it: by publishing identity's and
/// membership's events on the bus, then waiting until approvals has consumed every one of them.
/// </summary>
public sealed class World(ApprovalsApiFixture service)
{
    private readonly List<Guid> published = [];

    public Guid Organization { get; private set; }
    public Guid Owner { get; private set; }

    public static async Task<World> OrganizationAsync(ApprovalsApiFixture service, string name = "Acme Stores")
    {
        var world = new World(service);
        world.Owner = await world.PersonAsync("Olive");
        world.Organization = Guid.NewGuid();
        await world.PublishAsync(new OrganizationCreated(world.Organization, name, $"org-{world.Organization:N}", world.Owner, DateTimeOffset.UtcNow));
        return world;
    }

    public async Task<Guid> PersonAsync(string firstName)
    {
        var id = Guid.NewGuid();
        await PublishAsync(new UserRegistered(id, $"{firstName.ToLowerInvariant()}-{id:N}@example.com", firstName, "Tester", DateTimeOffset.UtcNow));
        return id;
    }

    public async Task<Guid> MemberAsync(string firstName, string rank = "member", Guid? scopeUnitId = null, params Guid[] unitIds)
    {
        var id = await PersonAsync(firstName);
        await PublishAsync(new MembershipGranted(Organization, id, rank, scopeUnitId, Owner, DateTimeOffset.UtcNow));
        if (unitIds.Length > 0) await PublishAsync(new MemberUnitsChanged(Organization, id, unitIds, DateTimeOffset.UtcNow));
        return id;
    }

    public async Task<Guid> UnitAsync(string name, Guid? parent = null)
    {
        var id = Guid.NewGuid();
        await PublishAsync(new UnitCreated(Organization, id, parent, name, "department", DateTimeOffset.UtcNow));
        return id;
    }

    public async Task<Guid> GrantRoleAsync(Guid userId, string roleName, string scope = "organization", Guid? scopeUnitId = null)
    {
        var grant = Guid.NewGuid();
        await PublishAsync(new RoleGranted(Organization, userId, grant, Guid.NewGuid(), roleName, scope, scopeUnitId, ["orders.approve"], Owner, DateTimeOffset.UtcNow));
        return grant;
    }

    /// <summary>Publishes and remembers the message, so <see cref="SettledAsync"/> can wait for it.</summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        published.Add(id);
        await service.Bus.PublishAsync(message, id);
    }

    /// <summary>Waits until approvals has consumed everything this world published.</summary>
    public async Task SettledAsync()
    {
        var ids = published.ToList();
        await Eventually.TrueAsync(async () =>
            await service.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => ids.Contains(r.MessageId))) >= ids.Count,
            $"approvals to consume {ids.Count} events");
    }

    public HttpClient As(Guid userId) => service.Host.CreateClientAs(new InternalIdentity(userId));

    public HttpClient AsClientApp(Guid appId, params string[] scopes) =>
        service.Host.CreateClientAs(new InternalIdentity(appId, ActiveOrganizationId: Organization, ClientId: appId.ToString(), Scopes: scopes));

    /// <summary>
    /// The usual two ordered steps: the manager of the requester's department, then a senior manager (a
    /// custom role). The policy for <c>order</c> takes <paramref name="stepExpiryMinutes"/> when given.
    /// </summary>
    public async Task<(Guid Manager, Guid Senior, Guid Requester)> DepartmentThenSeniorAsync(int? stepExpiryMinutes = null)
    {
        var department = await UnitAsync("Purchasing");
        var manager = await MemberAsync("Dan", "manager", department);
        var senior = await MemberAsync("Sen");
        await GrantRoleAsync(senior, "senior-manager");
        var requester = await MemberAsync("Rita", "member", null, department);
        await SettledAsync();
        await PolicyAsync("order", new
        {
            steps = new object[] { new { name = "department manager", source = "unit-managers" }, new { name = "senior manager", source = "role", role = "senior-manager" } },
            stepExpiryMinutes,
        });
        return (manager, senior, requester);
    }

    public async Task PolicyAsync(string type, object policy)
    {
        var response = await As(Owner).PutAsJsonAsync($"/organizations/{Organization}/policies/{type}", policy);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> RequestAsync(Guid requester, string type, object? extra = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var body = new Dictionary<string, object?> { ["type"] = type, ["title"] = "New laptop", ["amount"] = 1200m, ["currency"] = "EUR" };
        if (extra is not null)
            foreach (var property in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject())
                body[property.Name] = property.Value;
        var response = await As(requester).PostAsJsonAsync($"/organizations/{Organization}/requests", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static List<Guid> PendingApprovers(JsonElement request) =>
        request.GetProperty("assignments").EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "pending" && a.GetProperty("approverId").ValueKind == JsonValueKind.String)
            .Select(a => a.GetProperty("approverId").GetGuid()).ToList();

    public async Task<JsonElement> GetAsync(Guid caller, Guid requestId) =>
        await As(caller).GetFromJsonAsync<JsonElement>($"/requests/{requestId}");

    public Task<HttpResponseMessage> DecideAsync(Guid caller, Guid requestId, string decision, string? comment = null) =>
        As(caller).PostAsJsonAsync($"/requests/{requestId}/decision", new { decision, comment });
}
