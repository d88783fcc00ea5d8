using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Infrastructure;

namespace Platform.Gateway.Tests;

/// <summary>Organizations made through membership, and waiting until identity's copy of them has caught up.</summary>
internal static class Organizations
{
    /// <summary>An organization the user creates in membership (so owns), once identity has learnt the membership.</summary>
    public static async Task<Guid> OwnOrganizationAsync(this Callers callers, GatewayFixture platform, string cookie, Guid userId)
    {
        // Membership learns the verified address from identity's event a moment after verification.
        var created = await Eventually.GetAsync(async () =>
        {
            var response = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/organizations", cookie,
                new { name = "Field Service Ltd", slug = $"org-{Guid.NewGuid():N}"[..20], contactEmail = "office@example.com" });
            return response.StatusCode == HttpStatusCode.Created ? response : null;
        }, "membership to let the verified user create an organization");
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await platform.WaitForIdentityAsync(db => db.OrganizationMemberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == organization),
            "identity to learn the membership");
        return organization;
    }

    public static Task WaitForIdentityAsync(this GatewayFixture platform, Func<IdentityDbContext, Task<bool>> condition, string waitingFor) =>
        Eventually.TrueAsync(async () =>
        {
            await using var scope = platform.Identity.Services.CreateAsyncScope();
            return await condition(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
        }, waitingFor);
}
