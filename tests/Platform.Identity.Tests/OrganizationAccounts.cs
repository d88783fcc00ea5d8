using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>Arranging organization account tests: an organization with an owner, accounts it creates, and its members' clients.</summary>
internal static class OrganizationAccounts
{
    public static HttpClient MemberClient(this IdentityServiceFixture service, Guid userId) =>
        service.Host.CreateClientAs(new InternalIdentity(userId, SessionId: "no-live-session"));

    /// <summary>An organization and its owner (an account the platform administrators made).</summary>
    public static async Task<(Guid Organization, Guid Owner)> OrganizationWithOwnerAsync(this IdentityServiceFixture service)
    {
        var owner = (await service.AdminClient().CreateUserAsync(initialPassword: null)).Id();
        return (await service.OrganizationAsync(adminsMayImpersonate: false, (owner, "owner")), owner);
    }

    /// <summary>Creates an account for the organization (201 asserted) and, as membership would, makes it a member of that rank.</summary>
    public static async Task<JsonElement> CreateManagedAsync(
        this IdentityServiceFixture service, Guid organization, Guid creator, string rank = "member", string? temporaryPassword = null)
    {
        var response = await service.MemberClient(creator).PostAsJsonAsync($"/organizations/{organization}/accounts",
            new { firstName = "Ada", lastName = "Lovelace", email = Registrations.UniqueEmail("managed"), temporaryPassword });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        await service.GrantAsync(organization, (account.Id(), rank));
        return account;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid organization, Guid account, string action, object? body = null) =>
        client.PostAsJsonAsync($"/organizations/{organization}/accounts/{account}/{action}", body ?? new { });
}
