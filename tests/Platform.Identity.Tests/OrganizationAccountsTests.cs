using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Identity.Model;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>An organization's owner and admins managing the accounts it created, each action through the API, audited in the organization's scope.</summary>
public sealed class OrganizationAccountsTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task An_admin_creates_an_account_with_a_temporary_password_that_must_be_changed_and_membership_is_told()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var admin = (await service.AdminClient().CreateUserAsync(initialPassword: null)).Id();
        await service.GrantAsync(organization, (admin, "admin"));
        await using var created = await EventCollector<ManagedAccountCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);

        var response = await service.MemberClient(admin).PostAsJsonAsync($"/organizations/{organization}/accounts",
            new { firstName = " Katherine ", lastName = "Johnson", email = Registrations.UniqueEmail("Field"), temporaryPassword = Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Katherine", account.GetProperty("firstName").GetString());
        Assert.Equal("active", account.State());
        Assert.True(account.GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(account.Email(), Password)).StatusCode);
        var told = await created.WaitForAsync(e => e.UserId == account.Id());
        Assert.Equal((organization, admin), (told.Message.OrganizationId, told.Message.ActorId));
        Assert.Equal(organization, await service.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id()).Select(u => u.ManagedByOrganizationId).SingleAsync()));
        Assert.Equal(organization, await service.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Action == "admin.user-created" && a.TargetUserId == account.Id() && a.ActorId == admin).Select(a => a.OrganizationId).SingleAsync()));
        Assert.NotEqual(owner, admin);
    }

    [Fact]
    public async Task Without_a_temporary_password_the_account_is_pending_and_its_address_gets_a_set_password_link()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        await using var links = await EventCollector<PasswordResetRequested>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);

        var account = await service.CreateManagedAsync(organization, owner);

        Assert.Equal("pending", account.State());
        await links.WaitForAsync(e => e.UserId == account.Id());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_a_taken_address_a_409_and_neither_creates_anything()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var taken = await service.AdminClient().CreateUserAsync(initialPassword: null);
        var client = service.MemberClient(owner);
        var before = await service.WithDbAsync(db => db.Users.CountAsync());

        await (await client.PostAsJsonAsync($"/organizations/{organization}/accounts", new { firstName = "", email = "not an address", temporaryPassword = "short" }))
            .AssertValidationProblemAsync("firstName", "lastName", "email", "temporaryPassword");
        await (await client.PostAsJsonAsync($"/organizations/{organization}/accounts", new { firstName = "A", lastName = "B", email = taken.Email() }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await service.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Names_change_at_once_and_a_new_address_waits_for_its_confirmation_link()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var account = await service.CreateManagedAsync(organization, owner, temporaryPassword: Password);
        var newEmail = Registrations.UniqueEmail("moved");
        await using var requests = await EventCollector<EmailChangeRequested>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);

        var response = await service.MemberClient(owner).PutAsJsonAsync($"/organizations/{organization}/accounts/{account.Id()}",
            new { firstName = "Ada", lastName = "King", email = newEmail });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("King", edited.GetProperty("lastName").GetString());
        Assert.Equal(account.Email(), edited.Email());
        Assert.Equal(newEmail, edited.GetProperty("pendingEmail").GetString());
        Assert.Equal(newEmail, (await requests.WaitForAsync(e => e.UserId == account.Id())).Message.NewEmail);
        Assert.True(await service.WithDbAsync(db => db.AuditEntries.AnyAsync(
            a => a.Action == "email.change-requested" && a.ActorId == owner && a.TargetUserId == account.Id() && a.OrganizationId == organization)));
        await (await service.MemberClient(owner).PutAsJsonAsync($"/organizations/{organization}/accounts/{account.Id()}", new { firstName = "Ada", lastName = "King" }))
            .AssertValidationProblemAsync("email");
    }

    [Fact]
    public async Task A_reset_link_or_a_temporary_password_that_ends_every_session()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var account = await service.CreateManagedAsync(organization, owner, temporaryPassword: Password);
        var client = service.MemberClient(owner);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(account.Email(), Password)).StatusCode);

        var link = await client.ActAsync(organization, account.Id(), "password-reset", new { mode = "link" });
        var temporary = await client.ActAsync(organization, account.Id(), "password-reset", new { mode = "temporary", temporaryPassword = OtherPassword });

        Assert.Equal("link", (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mode").GetString());
        Assert.Equal(1, (await temporary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionsEnded").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(account.Email(), OtherPassword)).StatusCode);
        await (await client.ActAsync(organization, account.Id(), "password-reset", new { mode = "sometimes" })).AssertValidationProblemAsync("mode");
        Assert.Equal(2, await service.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetUserId == account.Id() && a.OrganizationId == organization
            && (a.Action == "password.reset-requested" || a.Action == "admin.temporary-password-set"))));
    }

    [Fact]
    public async Task Unlock_suspend_reactivate_archive_restore_and_delete_only_when_archived_with_personal_data_anonymized()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var account = await service.CreateManagedAsync(organization, owner, temporaryPassword: Password);
        var client = service.MemberClient(owner);
        await service.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == account.Id())).RecordFailedLogin(DateTimeOffset.UtcNow, new LockoutPolicy { MaxFailures = 1 });
            return await db.SaveChangesAsync();
        });

        foreach (var (action, state) in new[]
        {
            ("unlock", "active"), ("suspend", "suspended"), ("reactivate", "active"), ("archive", "archived"), ("restore", "active"), ("archive", "archived"),
        })
        {
            var response = await client.ActAsync(organization, account.Id(), action);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(state, (await response.Content.ReadFromJsonAsync<JsonElement>()).State());
        }

        var deleted = await (await client.ActAsync(organization, account.Id(), "delete")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("deleted", deleted.State());
        Assert.EndsWith("@deleted.invalid", deleted.Email());
        Assert.Equal("", deleted.GetProperty("firstName").GetString());
        Assert.Equal(7, await service.WithDbAsync(db => db.AuditEntries.CountAsync(
            a => a.Action == "account.state-changed" && a.TargetUserId == account.Id() && a.ActorId == owner && a.OrganizationId == organization)));
        var trail = await client.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/audit?action=account.state-changed&pageSize=50");
        Assert.Equal(7, trail.Items().Count(e => e.GetProperty("targetUserId").GetGuid() == account.Id() && e.GetProperty("organizationId").GetGuid() == organization));
        var member = (await service.AdminClient().CreateUserAsync(initialPassword: null)).Id();
        await service.GrantAsync(organization, (member, "manager"));
        await (await service.MemberClient(member).GetAsync($"/organizations/{organization}/audit")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_an_account_that_is_not_archived_is_a_409_that_changes_nothing()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var account = await service.CreateManagedAsync(organization, owner);

        var problem = await (await service.MemberClient(owner).ActAsync(organization, account.Id(), "delete")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("archive it first", problem.GetProperty("detail").GetString());
        Assert.Equal(UserState.Pending, await service.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id()).Select(u => u.State).SingleAsync()));
    }

    [Fact]
    public async Task An_account_the_person_created_or_that_joined_another_organization_stays_theirs()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var own = await service.AdminClient().CreateUserAsync(initialPassword: null);
        await service.GrantAsync(organization, (own.Id(), "member"));
        var shared = await service.CreateManagedAsync(organization, owner);
        await service.OrganizationAsync(adminsMayImpersonate: false, (shared.Id(), "member"));
        var client = service.MemberClient(owner);

        var ownProblem = await (await client.ActAsync(organization, own.Id(), "suspend")).ProblemAsync(HttpStatusCode.Forbidden);
        var sharedProblem = await (await client.ActAsync(organization, shared.Id(), "suspend")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("only on the membership", ownProblem.GetProperty("detail").GetString());
        Assert.Contains("also belongs to other organizations", sharedProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invitation_or_import_to_an_address_without_an_account_creates_one_the_organization_manages()
    {
        var (organization, owner) = await service.OrganizationWithOwnerAsync();
        var email = Registrations.UniqueEmail("imported");
        var now = DateTimeOffset.UtcNow;

        await service.Bus.PublishAsync(new Platform.Contracts.Membership.InvitationCreated(organization, Guid.NewGuid(), email, "member", "Co-op", "Olga",
            $"token-{Guid.NewGuid():N}", now.AddDays(7), AccountKnown: false, now, SendEmail: false, FirstName: "Ida", LastName: "Noor"), Guid.NewGuid());

        var account = await Eventually.GetAsync(() => service.WithDbAsync(db => db.Users.SingleOrDefaultAsync(u => u.Email == email)), "the invited account");
        Assert.Equal(organization, account.ManagedByOrganizationId);
        await service.GrantAsync(organization, (account.Id, "member"));
        var response = await service.MemberClient(owner).GetAsync($"/organizations/{organization}/accounts/{account.Id}");
        Assert.Equal("Noor", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lastName").GetString());
    }
}
