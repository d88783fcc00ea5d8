using System.Net;
using Microsoft.Extensions.Options;
using Platform.Notifications.Delivery;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Tests;

public sealed class TemplateRendererTests
{
    private static readonly TemplateRenderer Renderer = new(Path.Combine(AppContext.BaseDirectory, "Templates"));
    private static readonly EmailLinks Links = new(Options.Create(new EmailOptions { PublicBaseUrl = "https://platform.example/" }));
    private static readonly DateTimeOffset Expiry = new(2030, 1, 15, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void German_is_rendered_when_asked_for()
    {
        var email = Renderer.Render(EmailTemplates.VerifyEmail, "de", Verification("Grete"));

        Assert.Equal("Bestätigen Sie Ihre E-Mail-Adresse", email.Subject);
        Assert.Contains("Hallo Grete,", email.TextBody);
        Assert.Contains("""<html lang="de">""", email.HtmlBody);
        Assert.Contains("E-Mail-Adresse bestätigen", email.HtmlBody);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    public void A_locale_without_templates_falls_back_to_English(string? locale)
    {
        var email = Renderer.Render(EmailTemplates.VerifyEmail, locale, Verification("Grace"));

        Assert.Equal("Confirm your email address", email.Subject);
        Assert.Contains("Hello Grace,", email.TextBody);
        Assert.Contains("""<html lang="en">""", email.HtmlBody);
        Assert.Equal("en", Renderer.ResolveLocale(EmailTemplates.VerifyEmail, locale));
    }

    [Theory]
    [InlineData("de-AT")]
    [InlineData("DE")]
    [InlineData("de_CH")]
    public void A_regional_or_differently_written_locale_finds_its_language(string locale) =>
        Assert.Equal("Bestätigen Sie Ihre E-Mail-Adresse", Renderer.Render(EmailTemplates.VerifyEmail, locale, Verification("Grete")).Subject);

    [Fact]
    public void A_file_missing_in_a_locale_falls_back_to_the_English_file_alone()
    {
        var directory = Directory.CreateTempSubdirectory("templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "_layout.en.hbs"), "<html>{{{Body}}}</html>");
            Directory.CreateDirectory(Path.Combine(directory, "greeting"));
            File.WriteAllText(Path.Combine(directory, "greeting", "subject.en.hbs"), "Hello");
            File.WriteAllText(Path.Combine(directory, "greeting", "html.en.hbs"), "<p>Hello {{Name}}</p>");
            File.WriteAllText(Path.Combine(directory, "greeting", "text.en.hbs"), "Hello {{Name}}");
            File.WriteAllText(Path.Combine(directory, "greeting", "subject.de.hbs"), "Hallo");

            var email = new TemplateRenderer(directory).Render("greeting", "de", new { Name = "Grete" });

            Assert.Equal("Hallo", email.Subject);
            Assert.Equal("<html><p>Hello Grete</p></html>", email.HtmlBody);
            Assert.Equal("Hello Grete" + Environment.NewLine, email.TextBody);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_template_set_without_English_is_refused_at_start()
    {
        var directory = Directory.CreateTempSubdirectory("templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "_layout.en.hbs"), "{{{Body}}}");
            Directory.CreateDirectory(Path.Combine(directory, "greeting"));
            File.WriteAllText(Path.Combine(directory, "greeting", "subject.de.hbs"), "Hallo");

            var refused = Assert.Throws<InvalidOperationException>(() => new TemplateRenderer(directory));
            Assert.Contains("greeting/html.en.hbs", refused.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Markup_in_a_name_is_escaped_in_html_and_left_as_written_in_text()
    {
        var email = Renderer.Render(EmailTemplates.VerifyEmail, "en", Verification("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.Contains("Hello &lt;script&gt;alert(1)&lt;/script&gt;,", email.HtmlBody);
        Assert.Contains("Hello <script>alert(1)</script>,", email.TextBody);
        Assert.DoesNotContain("&lt;", email.TextBody);
    }

    [Fact]
    public void A_quote_in_a_value_cannot_leave_the_link_attribute()
    {
        var email = Renderer.Render(EmailTemplates.ExistingAccountSignUp, "en",
            new ExistingAccountSignUpModel("Grace", "grace@example.com", "https://platform.example/\" onclick=\"alert(1)"));

        Assert.DoesNotContain("\" onclick", email.HtmlBody);
        Assert.Contains("&quot; onclick&#x3D;&quot;alert(1)", email.HtmlBody);
    }

    [Fact]
    public void The_link_carries_the_escaped_token_on_the_public_base_url()
    {
        var email = Renderer.Render(EmailTemplates.VerifyEmail, "en", Verification("Grace", token: "a+b/c=d"));

        const string link = "https://platform.example/api/identity/pages/verify-email?token=a%2Bb%2Fc%3Dd";
        Assert.Contains(link, email.TextBody);
        Assert.Contains($"""href="{link}" """.TrimEnd(), WebUtility.HtmlDecode(email.HtmlBody));
        Assert.Contains("until 2030-01-15 14:30 UTC", email.TextBody);
    }

    [Fact]
    public void A_password_reset_for_a_new_account_asks_to_set_a_first_password()
    {
        var setup = Renderer.Render(EmailTemplates.ResetPassword, "en", new ResetPasswordModel("Grace", Links.ResetPassword("t"), Expiry, AccountSetup: true));
        var reset = Renderer.Render(EmailTemplates.ResetPassword, "en", new ResetPasswordModel("Grace", Links.ResetPassword("t"), Expiry, AccountSetup: false));

        Assert.Equal("Set the password for your new account", setup.Subject);
        Assert.Contains("Set your password for your new account", setup.TextBody);
        Assert.DoesNotContain("reset the password", setup.TextBody);
        Assert.Equal("Reset your password", reset.Subject);
        Assert.Contains("reset the password", reset.TextBody);
    }

    [Fact]
    public void A_lockout_says_when_it_ends_or_that_an_administrator_must_unlock()
    {
        var timed = Renderer.Render(EmailTemplates.LockedOut, "en", new LockedOutModel("grace@example.com", Expiry, Links.SignIn));
        var permanent = Renderer.Render(EmailTemplates.LockedOut, "de", new LockedOutModel("grace@example.com", null, Links.SignIn));

        Assert.Contains("It unlocks at 2030-01-15 14:30 UTC", timed.TextBody);
        Assert.DoesNotContain("administrator must", timed.TextBody);
        Assert.Contains("muss das Konto entsperren", permanent.TextBody);
        Assert.DoesNotContain("Die Sperre endet", permanent.TextBody);
    }

    [Fact]
    public void Every_template_renders_in_every_locale_with_its_sample_data()
    {
        Assert.Equal(
            ["approval-decided", "approval-expired", "approval-requested", "confirm-email-change", "email-change-notice", "existing-account-sign-up",
             "external-approval", "group-message", "invitation", "locked-out", "password-changed", "reset-password", "verify-email", "webhook-disabled",
             "welcome"],
            Renderer.Templates);
        foreach (var template in Renderer.Templates)
        {
            Assert.Equal(["de", "en"], Renderer.LocalesOf(template));
            var sample = TemplateSamples.For(template, Links) ?? throw new Xunit.Sdk.XunitException($"{template} has no sample data.");
            var english = Renderer.Render(template, "en", sample);
            var german = Renderer.Render(template, "de", sample);

            if (template != EmailTemplates.GroupMessage)
            {
                // A group message's subject is the author's, "[group] subject", in every language.
                Assert.NotEqual(english.Subject, german.Subject);
            }

            Assert.NotEqual(english.TextBody, german.TextBody);
            Assert.DoesNotContain("{{", english.HtmlBody + english.TextBody + german.HtmlBody + german.TextBody);
        }
    }

    [Fact]
    public void A_value_the_model_lacks_is_an_error_not_a_blank_in_the_email() =>
        Assert.ThrowsAny<Exception>(() => Renderer.Render(EmailTemplates.VerifyEmail, "en", new { FirstName = "Grace" }));

    [Fact]
    public void A_group_message_shows_author_group_and_the_body_escaped_with_its_line_breaks()
    {
        var email = Renderer.Render(EmailTemplates.GroupMessage, "en", new GroupMessageModel(
            "Ada", "Mallory <b>", "North & South", "Pick-up <moved>", "Line one\n<script>alert(1)</script>\nLine \"three\"", Expiry,
            Links.Unsubscribe("tok")));

        Assert.Equal("[North & South] Pick-up <moved>", email.Subject);
        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.Contains("Line one<br>\n&lt;script&gt;alert(1)&lt;/script&gt;<br>\nLine &quot;three&quot;", email.HtmlBody);
        Assert.Contains("<strong>Mallory &lt;b&gt;</strong> wrote to <strong>North &amp; South</strong>", email.HtmlBody);
        Assert.Contains("Line one\n<script>alert(1)</script>\nLine \"three\"", email.TextBody);
        Assert.Contains("Stop group messages by email: https://platform.example/api/notifications/unsubscribe?token=tok", email.TextBody);
    }

    private static VerifyEmailModel Verification(string firstName, string token = "t0k3n") => new(firstName, Links.VerifyEmail(token), Expiry);
}
