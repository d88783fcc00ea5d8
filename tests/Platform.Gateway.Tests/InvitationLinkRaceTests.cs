using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Membership;
using Platform.Membership.Infrastructure;

namespace Platform.Gateway.Tests;

/// <summary>
/// People arrive at membership's accept page from identity's set-password page before membership's copy
/// of their account (fed by identity's events) has caught up: the answer must not depend on that lag.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class InvitationLinkRaceTests(GatewayFixture platform)
{
    private const int People = 20;
    private const string NewPassword = "lantern quietly over the harbor";
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task Twenty_invitation_links_followed_at_once_are_each_accepted_the_first_time_while_membership_has_not_learnt_the_accounts()
    {
        await using var invitations = await EventCollector<InvitationCreated>.StartAsync(platform.Context.Servers.RabbitMq, platform.Context.MessagingPrefix);
        var admin = await callers.PlatformAdminSessionAsync();
        var organization = await new InvitationFlowTests(platform).CreateOrganizationAsync(admin);
        var before = await MembersOfAsync(organization);
        var emails = Enumerable.Range(0, People).Select(_ => Registrations.UniqueEmail("racer")).ToArray();

        // Membership's copy of these accounts stays behind identity for the whole walk.
        await using var lagging = await HoldBackAddressesAsync(emails);
        var invited = await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/invitations", admin,
            new { emails, rank = "member" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var tokens = new List<string>();
        foreach (var email in emails) tokens.Add((await invitations.WaitForAsync(i => i.Email == email)).Message.Token);

        var walks = await Task.WhenAll(tokens.Select(FollowLinkAsync));

        Assert.All(walks, walk =>
        {
            Assert.Equal(HttpStatusCode.OK, walk.Page);
            Assert.Equal((HttpStatusCode.OK, ""), (walk.Accept, walk.Accept == HttpStatusCode.OK ? "" : walk.Problem));
        });
        Assert.Equal(before + People, await MembersOfAsync(organization));
    }

    private async Task<(HttpStatusCode Page, HttpStatusCode Accept, string Problem)> FollowLinkAsync(string token)
    {
        var setPasswordPath = $"/api/identity/invitation?token={Uri.EscapeDataString(token)}";
        // Identity prepares the invited account from the invitation event; its page waits for it.
        await Eventually.GetAsync(async () =>
        {
            var response = await callers.Client.GetAsync(setPasswordPath);
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, "identity to prepare the invited account");
        var set = await callers.Client.PostAsync(setPasswordPath,
            new FormUrlEncodedContent([KeyValuePair.Create("token", token), KeyValuePair.Create("password", NewPassword)]));
        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        var cookie = Callers.SessionCookieOf(new HttpResponseMessage(HttpStatusCode.OK) { Headers = { { "Set-Cookie", set.Headers.GetValues("Set-Cookie") } } });

        // Straight on, as the browser follows the redirect and the person presses the button.
        var page = await callers.WithCookieAsync(HttpMethod.Get, set.Headers.Location!.OriginalString, cookie);
        var accept = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/invitations/accept", cookie, new { token });
        return (page.StatusCode, accept.StatusCode, await accept.Content.ReadAsStringAsync());
    }

    private async Task<int> MembersOfAsync(Guid organization)
    {
        await using var scope = platform.Services["membership"].Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Members.CountAsync(m => m.OrganizationId == organization);
    }

    /// <summary>
    /// Until disposed, membership's copy of these accounts never gets their address (as while identity's
    /// events are still on their way): a trigger blanks it on every write, so nothing waits or fails.
    /// </summary>
    private async Task<AddressesHeldBack> HoldBackAddressesAsync(IEnumerable<string> emails)
    {
        await using var scope = platform.Services["membership"].Provider.CreateAsyncScope();
        var connection = new NpgsqlConnection(scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Database.GetConnectionString());
        await connection.OpenAsync();
        var name = $"hold_back_{Guid.NewGuid():N}";
        var list = string.Join(", ", emails.Select(e => $"'{e.Replace("'", "''")}'"));
        await using var command = new NpgsqlCommand($$"""
            CREATE FUNCTION "{{name}}"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF lower(NEW."Email") IN ({{list}}) THEN NEW."Email" := ''; NEW."EmailVerified" := false; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER "{{name}}" BEFORE INSERT OR UPDATE ON "DirectoryUsers" FOR EACH ROW EXECUTE FUNCTION "{{name}}"();
            """, connection);
        await command.ExecuteNonQueryAsync();
        return new AddressesHeldBack(connection, name);
    }

    private sealed class AddressesHeldBack(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var command = new NpgsqlCommand($"""DROP TRIGGER "{name}" ON "DirectoryUsers"; DROP FUNCTION "{name}"();""", connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
