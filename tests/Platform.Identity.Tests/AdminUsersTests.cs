using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

public sealed class AdminUsersTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    private static readonly Guid SomeId = Guid.NewGuid();

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/admin/users" },
        { "GET", "/admin/users/export.csv" },
        { "GET", $"/admin/users/{SomeId}" },
        { "POST", "/admin/users" },
        { "PUT", $"/admin/users/{SomeId}" },
        { "POST", $"/admin/users/{SomeId}/password-reset" },
        { "POST", $"/admin/users/{SomeId}/suspend" },
        { "POST", $"/admin/users/{SomeId}/reactivate" },
        { "POST", $"/admin/users/{SomeId}/unlock" },
        { "POST", $"/admin/users/{SomeId}/archive" },
        { "POST", $"/admin/users/{SomeId}/restore" },
        { "POST", $"/admin/users/{SomeId}/delete" },
        { "POST", $"/admin/users/{SomeId}/sessions/end" },
        { "POST", $"/admin/users/{SomeId}/impersonate" },
        { "GET", "/admin/audit" },
        { "PUT", $"/admin/users/{SomeId}/platform-admin" },
        { "DELETE", $"/admin/users/{SomeId}/platform-admin" },
        { "GET", "/admin/client-apps" },
        { "POST", "/admin/client-apps" },
        { "GET", $"/admin/client-apps/{SomeId}/openid-connect" },
        { "PUT", $"/admin/client-apps/{SomeId}/openid-connect" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoints_answer_401_without_a_token_and_403_to_a_user_who_is_not_a_platform_administrator(string method, string path)
    {
        var anonymous = await service.Host.CreateClient().SendAsync(Request(method, path));
        var user = await service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid())).SendAsync(Request(method, path));

        await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        await user.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void The_authorization_theory_covers_every_admin_endpoint_and_each_has_a_name_and_summary()
    {
        var mapped = service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/admin", StringComparison.Ordinal) == true)
            .ToList();
        var tested = AdminEndpoints.Select(row => $"{row[0]} {((string)row[1]).Replace(SomeId.ToString(), "{id}")}").Order().ToList();

        Assert.Equal(tested, mapped.Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText!.TrimEnd('/')}").Order().ToList());
        Assert.All(mapped, e =>
        {
            Assert.NotNull(e.Metadata.GetMetadata<IEndpointNameMetadata>());
            Assert.NotNull(e.Metadata.GetMetadata<IEndpointSummaryMetadata>());
        });
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_admin_endpoints_with_their_query_parameters()
    {
        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var list = paths.GetProperty("/admin/users").GetProperty("get");
        Assert.Equal("AdminListUsers", list.GetProperty("operationId").GetString());
        var parameters = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["q", "state", "lastLoginBefore", "lastLoginAfter", "createdFrom", "createdTo", "sort", "desc", "page", "pageSize"], parameters);
        Assert.True(paths.TryGetProperty("/admin/users/{id}/suspend", out _));
        Assert.True(paths.TryGetProperty("/admin/audit", out _));
    }

    [Fact]
    public async Task A_user_created_with_an_initial_password_is_active_and_must_change_it_at_first_login()
    {
        await using var registered = await EventCollector<UserRegistered>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var admin = service.AdminClient();
        var email = Registrations.UniqueEmail("initial");

        var response = await admin.PostAsJsonAsync("/admin/users", new { email = $" {email.ToUpperInvariant()} ", firstName = "Grace", lastName = "Hopper", initialPassword = Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/admin/users/{user.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(email, user.Email());
        Assert.Equal("active", user.State());
        await registered.WaitForAsync(e => e.UserId == user.Id() && e.Email == email);

        var login = await service.LogInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passwordChangeRequired").GetBoolean());
    }

    [Fact]
    public async Task A_user_created_without_a_password_is_pending_and_gets_an_account_setup_link()
    {
        await using var links = await EventCollector<PasswordResetRequested>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        await using var registered = await EventCollector<UserRegistered>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);

        var user = await service.AdminClient().CreateUserAsync(initialPassword: null);

        Assert.Equal("pending", user.State());
        var link = await links.WaitForAsync(e => e.UserId == user.Id());
        Assert.True(link.Message.AccountSetup);
        Assert.Equal(user.Email(), link.Message.Email);
        await registered.WaitForAsync(e => e.UserId == user.Id());
    }

    [Fact]
    public async Task Creating_checks_each_field_refuses_a_weak_initial_password_and_answers_409_for_a_taken_email()
    {
        var admin = service.AdminClient();
        var existing = await admin.CreateUserAsync();

        var empty = await admin.PostAsJsonAsync("/admin/users", new { email = "nope" });
        var weak = await admin.PostAsJsonAsync("/admin/users", new { email = Registrations.UniqueEmail(), firstName = "A", lastName = "B", initialPassword = "short" });
        var taken = await admin.PostAsJsonAsync("/admin/users", new { email = existing.Email().ToUpperInvariant(), firstName = "A", lastName = "B" });

        await empty.AssertValidationProblemAsync("email", "firstName", "lastName");
        await weak.AssertValidationProblemAsync("initialPassword");
        var problem = await taken.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:platform:problem:conflict", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_malformed_ids_are_400_naming_the_id()
    {
        var admin = service.AdminClient();

        var unknown = await admin.GetAsync($"/admin/users/{Guid.NewGuid()}");
        var unknownMove = await admin.PostAsync(Guid.NewGuid(), "suspend");
        var malformed = await admin.GetAsync("/admin/users/not-an-id");

        Assert.Equal("urn:platform:problem:not-found", (await unknown.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("type").GetString());
        await unknownMove.ProblemAsync(HttpStatusCode.NotFound);
        await malformed.AssertValidationProblemAsync("id");
    }

    [Fact]
    public async Task Search_matches_a_prefix_of_the_email_or_of_a_name_in_any_case_and_sorts()
    {
        var admin = service.AdminClient();
        var tag = Tag();
        var one = await admin.CreateUserAsync($"{tag}.one@example.com", "Ada", $"Zz{tag}One");
        var two = await admin.CreateUserAsync(Registrations.UniqueEmail(), "Bea", $"Zz{tag}Two");
        var three = await admin.CreateUserAsync(Registrations.UniqueEmail(), $"Yy{tag}Cleo", $"Zz{tag}Three");

        Assert.Equal([one.Id()], await IdsAsync(admin, $"q={tag.ToUpperInvariant()}.ONE"));
        Assert.Equal([three.Id()], await IdsAsync(admin, $"q=yy{tag}"));
        Assert.Equal([three.Id()], await IdsAsync(admin, $"q={Uri.EscapeDataString($"Yy{tag}Cleo zz{tag}")}"));
        Assert.Equal([two.Id(), three.Id(), one.Id()], await IdsAsync(admin, $"q=zz{tag}&sort=lastName&desc=true"));
        Assert.Equal([one.Id(), three.Id(), two.Id()], await IdsAsync(admin, $"q=zz{tag}&sort=lastName"));
        Assert.Empty(await IdsAsync(admin, $"q={Uri.EscapeDataString($"%{tag}")}")); // % is a character, not a wildcard
    }

    [Fact]
    public async Task The_list_filters_by_state_last_login_and_creation_time_and_pages_up_to_100()
    {
        var admin = service.AdminClient();
        var tag = Tag();
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var one = await admin.CreateUserAsync(Registrations.UniqueEmail(), "Ada", $"Zz{tag}One");
        var two = await admin.CreateUserAsync(Registrations.UniqueEmail(), "Bea", $"Zz{tag}Two");
        var three = await admin.CreateUserAsync(Registrations.UniqueEmail(), "Cleo", $"Zz{tag}Three");
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(one.Email(), Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(two.Id(), "suspend")).StatusCode);
        var hourAgo = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));

        Assert.Equal([two.Id()], await IdsAsync(admin, $"q=zz{tag}&state=suspended"));
        Assert.Equal([one.Id(), three.Id(), two.Id()], await IdsAsync(admin, $"q=zz{tag}&state=Active,suspended&sort=lastName"));
        Assert.Equal([one.Id()], await IdsAsync(admin, $"q=zz{tag}&lastLoginAfter={hourAgo}"));
        Assert.Equal([three.Id(), two.Id()], await IdsAsync(admin, $"q=zz{tag}&lastLoginBefore={hourAgo}&sort=lastName"));
        Assert.Equal(3, (await IdsAsync(admin, $"q=zz{tag}&createdFrom={Uri.EscapeDataString(started.ToString("O"))}")).Count);
        Assert.Empty(await IdsAsync(admin, $"q=zz{tag}&createdTo={Uri.EscapeDataString(started.ToString("O"))}"));

        var page = await admin.GetFromJsonAsync<JsonElement>($"/admin/users?q=zz{tag}&sort=lastName&page=2&pageSize=2");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.Equal([two.Id()], page.Items().Select(u => u.Id()));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users?pageSize=100")).StatusCode);
        await (await admin.GetAsync("/admin/users?pageSize=101")).AssertValidationProblemAsync("pageSize");
        await (await admin.GetAsync("/admin/users?pageSize=0")).AssertValidationProblemAsync("pageSize");
        await (await admin.GetAsync("/admin/users?page=first")).AssertValidationProblemAsync("page");
        await (await admin.GetAsync("/admin/users?state=gone")).AssertValidationProblemAsync("state");
        await (await admin.GetAsync("/admin/users?sort=passwordHash")).AssertValidationProblemAsync("sort");
        await (await admin.GetAsync("/admin/users?createdFrom=yesterday")).AssertValidationProblemAsync("createdFrom");
    }

    [Fact]
    public async Task Suspending_ends_every_session_and_login_is_refused_like_a_wrong_password_until_reactivated()
    {
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);
        Assert.Equal(2, await service.SessionCountAsync(user.Id()));

        var suspended = await admin.PostAsync(user.Id(), "suspend");

        Assert.Equal("suspended", (await suspended.Content.ReadFromJsonAsync<JsonElement>()).State());
        Assert.Equal(0, await service.SessionCountAsync(user.Id()));
        var refused = await service.LogInAsync(user.Email(), Password);
        var wrongPassword = await service.LogInAsync(user.Email(), OtherPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(Comparable(await wrongPassword.ProblemAsync(HttpStatusCode.Unauthorized)), Comparable(await refused.ProblemAsync(HttpStatusCode.Unauthorized)));

        var again = await admin.PostAsync(user.Id(), "suspend");
        Assert.Equal("urn:platform:problem:state-transition", (await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(user.Id(), "reactivate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);
    }

    [Fact]
    public async Task Archiving_hides_the_user_from_the_default_list_and_restoring_brings_it_back()
    {
        var admin = service.AdminClient();
        var tag = Tag();
        var user = await admin.CreateUserAsync(lastName: $"Zz{tag}");
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);

        Assert.Equal("archived", (await (await admin.PostAsync(user.Id(), "archive")).Content.ReadFromJsonAsync<JsonElement>()).State());
        Assert.Equal(0, await service.SessionCountAsync(user.Id()));
        Assert.Empty(await IdsAsync(admin, $"q=zz{tag}"));
        Assert.Equal([user.Id()], await IdsAsync(admin, $"q=zz{tag}&state=archived"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.LogInAsync(user.Email(), Password)).StatusCode);

        Assert.Equal("active", (await (await admin.PostAsync(user.Id(), "restore")).Content.ReadFromJsonAsync<JsonElement>()).State());
        Assert.Equal([user.Id()], await IdsAsync(admin, $"q=zz{tag}"));
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);
    }

    [Fact]
    public async Task Deleting_works_only_from_archived_and_leaves_no_personal_data_in_any_table_and_frees_the_email()
    {
        await using var deletions = await EventCollector<UserDeleted>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var admin = service.AdminClient();
        var tag = Tag();
        var (email, newEmail, firstName, lastName, userAgent) =
            ($"{tag}-forget@example.com", $"{tag}-moved@example.com", $"Forget{tag}", $"Mee{tag}", $"Browser{tag}/1.0");
        var user = await admin.CreateUserAsync(email, firstName, lastName);
        // Leave traces everywhere: sessions and audit rows with the user agent, a failed login,
        // link tokens (one holding a new address), and events carrying the address and names.
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(email, Password, userAgent)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.LogInAsync(email, OtherPassword, userAgent)).StatusCode);
        var self = service.Host.CreateClientAs(new InternalIdentity(user.Id()));
        Assert.Equal(HttpStatusCode.Accepted, (await self.PostAsJsonAsync("/account/email", new { password = Password, newEmail })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await service.Host.CreateClient().PostAsJsonAsync("/accounts/password/forgot", new { email })).StatusCode);
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.AccountTokens.AnyAsync(t => t.UserId == user.Id() && t.Purpose == TokenPurpose.ResetPassword)),
            "the reset link, issued after the answer");
        Assert.True(await CountRowsContainingAsync(email) > 0, "the arrangement left the address in the tables");
        Assert.True(await CountRowsContainingAsync(newEmail) > 0, "the arrangement left the new address in the tables");
        Assert.True(await CountRowsContainingAsync(userAgent) > 0, "the arrangement left the user agent in the audit trail");

        var early = await admin.PostAsync(user.Id(), "delete");
        Assert.Contains("archive", (await early.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(user.Id(), "archive")).StatusCode);
        var deleted = await (await admin.PostAsync(user.Id(), "delete")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("deleted", deleted.State());
        await deletions.WaitForAsync(e => e.UserId == user.Id());
        foreach (var personal in new[] { email, newEmail, firstName, lastName, userAgent })
        {
            Assert.Equal(0, await CountRowsContainingAsync(personal));
        }

        Assert.True(await service.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetUserId == user.Id())) > 3, "history keeps the id");
        Assert.Equal(0, await service.SessionCountAsync(user.Id()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/admin/users/{user.Id()}", new { firstName, lastName, email })).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await service.Host.CreateClient().RegisterAsync(Registrations.Valid(email))).StatusCode);
        Assert.NotEqual(user.Id(), await service.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_unlocks_an_account_locked_by_failed_logins()
    {
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();
        for (var i = 0; i < 5; i++) await service.LogInAsync(user.Email(), OtherPassword);
        Assert.Equal("locked", (await admin.GetUserAsync(user.Id())).State());
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.LogInAsync(user.Email(), Password)).StatusCode);

        var unlocked = await admin.PostAsync(user.Id(), "unlock");

        Assert.Equal("active", (await unlocked.Content.ReadFromJsonAsync<JsonElement>()).State());
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);
        await (await admin.PostAsync(user.Id(), "unlock")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_temporary_password_ends_every_session_replaces_the_old_one_and_must_be_changed()
    {
        await using var changes = await EventCollector<PasswordChanged>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(user.Email(), Password)).StatusCode);

        var weak = await admin.PostAsJsonAsync($"/admin/users/{user.Id()}/password-reset", new { mode = "temporary", temporaryPassword = "password" });
        var response = await admin.PostAsJsonAsync($"/admin/users/{user.Id()}/password-reset", new { mode = "temporary", temporaryPassword = OtherPassword });

        await weak.AssertValidationProblemAsync("temporaryPassword");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("sessionsEnded").GetInt32());
        Assert.False(answer.TryGetProperty("sending", out _));
        Assert.Equal(0, await service.SessionCountAsync(user.Id()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.LogInAsync(user.Email(), Password)).StatusCode);
        var login = await service.LogInAsync(user.Email(), OtherPassword);
        Assert.True((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal("set-by-administrator", (await changes.WaitForAsync(e => e.UserId == user.Id())).Message.How);
    }

    [Fact]
    public async Task A_reset_link_goes_to_the_user_and_the_mode_is_checked()
    {
        await using var links = await EventCollector<PasswordResetRequested>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();

        var bad = await admin.PostAsJsonAsync($"/admin/users/{user.Id()}/password-reset", new { mode = "tell-me" });
        var response = await admin.PostAsJsonAsync($"/admin/users/{user.Id()}/password-reset", new { mode = "link" });

        await bad.AssertValidationProblemAsync("mode");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await links.WaitForAsync(e => e.UserId == user.Id())).Message.AccountSetup);
        // The administrator is told what became of the email, as an invitation resend tells.
        var sending = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sending");
        Assert.Equal("queued", sending.GetProperty("status").GetString());
        Assert.Contains("queued for sending", sending.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ending_a_users_sessions_ends_all_of_them()
    {
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();
        await service.LogInAsync(user.Email(), Password);
        await service.LogInAsync(user.Email(), Password);

        var response = await admin.PostAsync(user.Id(), "sessions/end");

        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ended").GetInt32());
        Assert.Equal(0, await service.SessionCountAsync(user.Id()));
    }

    [Fact]
    public async Task Editing_renames_and_moves_the_email_at_once_unless_another_account_has_it()
    {
        await using var moved = await EventCollector<EmailChanged>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var admin = service.AdminClient();
        var user = await admin.CreateUserAsync();
        var other = await admin.CreateUserAsync();
        var newEmail = Registrations.UniqueEmail("edited");

        var edited = await admin.PutAsJsonAsync($"/admin/users/{user.Id()}", new { firstName = " Anita ", lastName = "Borg", email = newEmail.ToUpperInvariant() });
        var taken = await admin.PutAsJsonAsync($"/admin/users/{other.Id()}", new { firstName = "A", lastName = "B", email = newEmail });
        var invalid = await admin.PutAsJsonAsync($"/admin/users/{other.Id()}", new { firstName = "A", lastName = "", email = newEmail });

        var body = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Anita", "Borg", newEmail), (body.GetProperty("firstName").GetString(), body.GetProperty("lastName").GetString(), body.Email()));
        var message = await moved.WaitForAsync(e => e.UserId == user.Id());
        Assert.Equal((user.Email(), newEmail), (message.Message.OldEmail, message.Message.NewEmail));
        await taken.ProblemAsync(HttpStatusCode.Conflict);
        await invalid.AssertValidationProblemAsync("lastName");
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(newEmail, Password)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_suspend_archive_or_delete_their_own_account()
    {
        var me = await service.AdminClient().CreateUserAsync();
        var admin = service.AdminClient(me.Id());

        foreach (var action in new[] { "suspend", "archive", "delete" })
        {
            var problem = await (await admin.PostAsync(me.Id(), action)).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("own account", problem.GetProperty("detail").GetString());
        }

        Assert.Equal("active", (await admin.GetUserAsync(me.Id())).State());
    }

    [Fact]
    public async Task The_CSV_export_has_a_header_quotes_per_RFC_4180_and_defuses_formulas()
    {
        var admin = service.AdminClient();
        var tag = Tag();
        var user = await admin.CreateUserAsync($"{tag}@example.com", "=cmd|' /C calc'!A0", "O\"Hara, Jr");
        await admin.CreateUserAsync($"{tag}-2@example.com", "@SUM(A1)", "-2+3");

        var response = await admin.GetAsync($"/admin/users/export.csv?q={tag}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(4, lines.Length); // header, two rows, and the empty remainder after the last line break
        Assert.Equal("id,email,firstName,lastName,state,createdAt,lastLoginAt", lines[0]);
        Assert.Equal("", lines[3]);
        var row = Assert.Single(lines, l => l.StartsWith(user.Id().ToString(), StringComparison.Ordinal));
        Assert.StartsWith($"{user.Id()},{tag}@example.com,\"'=cmd|' /C calc'!A0\",\"O\"\"Hara, Jr\",active,", row);
        Assert.Single(lines, l => l.Contains(",\"'@SUM(A1)\",\"'-2+3\",active,", StringComparison.Ordinal));
        await (await admin.GetAsync("/admin/users/export.csv?state=nope")).AssertValidationProblemAsync("state");
    }

    [Fact]
    public async Task The_audit_trail_shows_administrators_actions_with_the_administrator_as_actor()
    {
        var adminId = Guid.NewGuid();
        var admin = service.AdminClient(adminId);
        var user = await admin.CreateUserAsync();
        await admin.PostAsync(user.Id(), "suspend");
        await admin.PostAsync(user.Id(), "sessions/end");

        var trail = await admin.GetFromJsonAsync<JsonElement>($"/admin/audit?userId={user.Id()}");
        var stateChanges = await admin.GetFromJsonAsync<JsonElement>($"/admin/audit?userId={user.Id()}&action=account.state-changed");

        var actions = trail.Items().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorId").GetGuid())).ToList();
        Assert.Equal([("admin.sessions-ended", adminId), ("account.state-changed", adminId), ("admin.user-created", adminId)], actions);
        Assert.Equal(3, trail.GetProperty("total").GetInt32());
        var change = Assert.Single(stateChanges.Items());
        Assert.Contains("active -> suspended", change.GetProperty("detail").GetString());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/admin/audit?userId={user.Id()}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")).Items());
        await (await admin.GetAsync("/admin/audit?userId=someone")).AssertValidationProblemAsync("userId");
        await (await admin.GetAsync("/admin/audit?pageSize=1000")).AssertValidationProblemAsync("pageSize");
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null,
    };

    private static async Task<List<Guid>> IdsAsync(HttpClient admin, string query)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/admin/users?{query}");
        return page.Items().Select(u => u.Id()).ToList();
    }

    /// <summary>A problem without what differs by request (trace id).</summary>
    private static string Comparable(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    /// <summary>Rows of every table in the service's database whose text contains the value, in any case.</summary>
    private Task<long> CountRowsContainingAsync(string value) => service.WithDbAsync(async db =>
    {
        var tables = await db.Database.SqlQuery<string>($"""
            SELECT table_name AS "Value" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            """).ToListAsync();
        Assert.Contains("OutboxMessages", tables);
        long total = 0;
        foreach (var table in tables)
        {
            // The table name comes from the catalog; the value is a parameter.
            var sql = $"""SELECT count(*) AS "Value" FROM "{table}" t WHERE t::text ILIKE '%' || @value || '%'""";
            total += await db.Database.SqlQueryRaw<long>(sql, new NpgsqlParameter("value", value)).SingleAsync();
        }

        return total;
    });
}
