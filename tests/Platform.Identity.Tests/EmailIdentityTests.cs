using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Tests;

/// <summary>One mailbox is one account: every way in takes the address in its canonical form, and refuses what is no mailbox.</summary>
public sealed class EmailIdentityTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task A_trailing_dot_or_other_case_signs_up_no_second_account_for_the_same_mailbox()
    {
        var local = $"ada-{Guid.NewGuid():N}";
        var client = service.Host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.RegisterAsync(Registrations.Valid($"{local}@example.com"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.RegisterAsync(Registrations.Valid($"{local}@example.com."))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.RegisterAsync(Registrations.Valid($"{local.ToUpperInvariant()}@EXAMPLE.com."))).StatusCode);

        Assert.Equal([$"{local}@example.com"], await service.WithDbAsync(db => db.Users.Where(u => u.Email.StartsWith(local)).Select(u => u.Email).ToListAsync()));
    }

    [Fact]
    public async Task An_internationalized_domain_is_stored_in_its_ascii_form_and_both_spellings_log_in()
    {
        var local = $"ada-{Guid.NewGuid():N}";
        var admin = service.AdminClient();
        var created = await admin.CreateUserAsync($"{local}@bücher.de");

        Assert.Equal($"{local}@xn--bcher-kva.de", created.Email());
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync($"{local}@BÜCHER.de.", AdminUsers.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync($"{local}@xn--bcher-kva.de", AdminUsers.Password)).StatusCode);
        var taken = await admin.PostAsJsonAsync("/admin/users", new { email = $"{local}@xn--bcher-kva.de.", firstName = "A", lastName = "B", initialPassword = AdminUsers.Password });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Theory]
    [InlineData("\"ada lovelace\"@example.com")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@[192.0.2.1]")]
    [InlineData("ada@@example.com")]
    public async Task What_is_no_mailbox_gets_a_400_naming_the_field_and_changes_nothing(string email)
    {
        var before = await service.WithDbAsync(db => db.Users.CountAsync());
        var user = await service.AdminClient().CreateUserAsync();

        var signUp = await service.Host.CreateClient().RegisterAsync(Registrations.Valid(email));
        var adminCreate = await service.AdminClient().PostAsJsonAsync("/admin/users", new { email, firstName = "A", lastName = "B" });
        var change = await service.Host.CreateClientAs(new InternalIdentity(user.Id()))
            .PostAsJsonAsync("/account/email", new { password = AdminUsers.Password, newEmail = email });

        await signUp.AssertValidationProblemAsync("email");
        await adminCreate.AssertValidationProblemAsync("email");
        await change.AssertValidationProblemAsync("newEmail");
        Assert.Equal(before + 1, await service.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Moving_to_another_spelling_of_a_taken_address_is_refused_like_the_address_itself()
    {
        var admin = service.AdminClient();
        var owner = await admin.CreateUserAsync();
        var other = await admin.CreateUserAsync();

        var edited = await admin.PutAsJsonAsync($"/admin/users/{other.Id()}", new { firstName = "G", lastName = "H", email = owner.Email().ToUpperInvariant() + "." });

        Assert.Equal(HttpStatusCode.Conflict, edited.StatusCode);
        Assert.Equal(other.Email(), (await admin.GetUserAsync(other.Id())).Email());
    }

    [Fact]
    public async Task Forgot_password_for_a_trailing_dot_spelling_reaches_the_account()
    {
        var user = await service.AdminClient().CreateUserAsync();

        var forgot = await service.Host.CreateClient().PostAsJsonAsync("/accounts/password/forgot", new { email = user.Email() + "." });

        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.AccountTokens.AnyAsync(t => t.UserId == user.Id())), "a reset link for the account");
    }
}
