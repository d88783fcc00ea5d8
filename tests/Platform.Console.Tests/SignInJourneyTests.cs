using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;

namespace Platform.Console.Tests;

/// <summary>Issue 15, browser scenario 1: sign up, verify, sign in, enrol two factors, sign in with a code and with a recovery code.</summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class SignInJourneyTests(ConsolePlatform platform)
{
    private const string Password = "a quiet harbour at dawn";
    // Required fields' labels end in an asterisk; "Current password" and the like must not match.
    private static readonly Regex PasswordLabel = new("^Password");

    [Fact]
    public async Task A_newcomer_signs_up_verifies_enrols_two_factors_and_signs_in_with_a_code_and_a_recovery_code()
    {
        var email = $"newcomer-{Guid.NewGuid():N}@example.com";
        await using var visitor = await platform.VisitAsync("sign-in");
        var page = visitor.Page;

        // The start page sends an anonymous visitor to sign in.
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await visitor.ScreenAsync("sign-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "No account yet? Sign up" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Ines");
        await page.GetByLabel("Last name").FillAsync("Moreau");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel(PasswordLabel).FillAsync(Password);
        await visitor.ScreenAsync("sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);

        // Signing in before verifying says what to do.
        await page.GotoAsync("/sign-in");
        await SubmitPasswordAsync(page, email, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Verify your email address first");

        var link = await platform.Mail.WaitForLinkAsync(email, "/api/identity/pages/verify-email", TimeSpan.FromSeconds(60));
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Email address verified")).ToBeVisibleAsync();

        // A wrong password gets the answer that never says whether the account exists.
        await page.GotoAsync("/sign-in");
        await SubmitPasswordAsync(page, email, "not the password at all");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email address or password is not correct");

        await SubmitPasswordAsync(page, email, Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.GetByText($"Email address: {email}")).ToBeVisibleAsync();
        await visitor.ScreenAsync("account");

        // Enrol: password, then the QR code's secret gives the first code, then the recovery codes are shown once.
        await page.GetByLabel("Your password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var secret = await page.GetByTestId("totp-secret").InnerTextAsync();
        await visitor.ScreenAsync("two-factor-enrolment");
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        await page.GetByLabel("Code from the app").FillAsync(totp.ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var codes = page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        var recoveryCode = await codes.First.InnerTextAsync();
        await visitor.ScreenAsync("recovery-codes");
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved the codes" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Two-factor sign-in is on.")).ToBeVisibleAsync();

        // Sign out, then in with the authenticator. The code of the next period: the one used to enrol may not be replayed.
        await SignOutAsync(page);
        await SubmitPasswordAsync(page, email, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await visitor.ScreenAsync("second-factor");
        await page.GetByLabel("Authentication code").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code did not work");
        await page.GetByLabel("Authentication code").FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));

        // And once more with a recovery code instead.
        await SignOutAsync(page);
        await SubmitPasswordAsync(page, email, Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code instead" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(recoveryCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.GetByText("Two-factor sign-in is on.")).ToBeVisibleAsync();
    }

    /// <summary>
    /// My account's self-service: the address moves only once the link emailed to the new one is opened; a personal token
    /// is shown once, works as the person, and stops working when revoked.
    /// </summary>
    [Fact]
    public async Task A_person_moves_the_account_to_a_new_address_and_creates_and_revokes_a_personal_token()
    {
        var person = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Lena");
        var newEmail = $"lena-new-{Guid.NewGuid():N}@example.com";
        await using var visitor = await platform.VisitAsync("account-self-service");
        var page = visitor.Page;
        await page.GotoAsync("/account");
        await SignInSteps.SignInAsync(page, person.Email, GatewayUser.Password);

        var emailForm = page.GetByRole(AriaRole.Region, new() { Name = "Email address" });
        await emailForm.GetByLabel("New email address").FillAsync(newEmail);
        await emailForm.GetByLabel("Password, to confirm the change").FillAsync(GatewayUser.Password);
        await emailForm.GetByRole(AriaRole.Button, new() { Name = "Change the email address" }).ClickAsync();
        await Assertions.Expect(emailForm.GetByRole(AriaRole.Status)).ToContainTextAsync($"We sent a link to {newEmail}");
        await Assertions.Expect(page.GetByText($"Email address: {person.Email}")).ToBeVisibleAsync();

        var link = await platform.Mail.WaitForLinkAsync(newEmail, "/api/identity/pages/confirm-email-change", TimeSpan.FromSeconds(60));
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Email address changed")).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByText($"Email address: {newEmail}")).ToBeVisibleAsync();

        var tokens = page.GetByRole(AriaRole.Region, new() { Name = "Personal access tokens" });
        await tokens.GetByLabel("Token name").FillAsync("Backup script");
        await tokens.GetByRole(AriaRole.Button, new() { Name = "Create the token" }).ClickAsync();
        var secret = await tokens.GetByLabel("Your new token").InputValueAsync();
        await Assertions.Expect(tokens.GetByRole(AriaRole.Row).Filter(new() { HasText = "Backup script" })).ToContainTextAsync("active");
        await visitor.ScreenAsync("personal-token");
        using var script = new HttpClient { BaseAddress = platform.Gateway };
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        var asMe = await script.GetStringAsync("/api/identity/account");
        Assert.Contains(newEmail, asMe);

        await tokens.GetByRole(AriaRole.Button, new() { Name = "Revoke Backup script" }).ClickAsync();
        await tokens.GetByRole(AriaRole.Button, new() { Name = "Revoke Backup script now" }).ClickAsync();
        await Assertions.Expect(tokens.GetByRole(AriaRole.Row).Filter(new() { HasText = "Backup script" })).ToContainTextAsync("revoked");
        await Eventually.TrueAsync(async () => (await script.GetAsync("/api/identity/account")).StatusCode == System.Net.HttpStatusCode.Unauthorized,
            "the revoked token to stop working", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_any_address_and_the_reset_link_arrives()
    {
        await using var visitor = await platform.VisitAsync("forgot-password");
        var page = visitor.Page;
        var nobody = $"nobody-{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(nobody);
        await visitor.ScreenAsync("forgot-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses this address");
    }

    private static async Task SubmitPasswordAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel(PasswordLabel).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
