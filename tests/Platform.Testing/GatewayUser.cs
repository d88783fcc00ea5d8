using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Platform.Testing;

/// <summary>A person using the platform through the gateway with a browser's cookie jar.</summary>
public sealed class GatewayUser
{
    public const string Password = "a long enough passphrase";

    private GatewayUser(string email, HttpClient http, CookieContainer cookies)
    {
        Email = email;
        Http = http;
        Cookies = cookies;
    }

    public string Email { get; }
    public HttpClient Http { get; }
    /// <summary>The browser's cookie jar, with the session cookie: hand it to another client (a relying party) to act in this session.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>The same browser (its cookie jar) talking to another gateway of the same platform.</summary>
    public HttpClient Via(Uri gateway) =>
        new(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Signs up, follows the verification link from the SMTP sink and logs in.</summary>
    public static async Task<GatewayUser> SignUpAsync(Uri gateway, MailDevClient mail, string firstName)
    {
        var email = $"{firstName.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = gateway };
        var registered = await http.PostAsJsonAsync("/api/identity/accounts", new { email, password = Password, firstName, lastName = "Tester" });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var link = await mail.WaitForLinkAsync(email, "/api/identity/pages/verify-email", TimeSpan.FromSeconds(60));
        var verified = await http.PostAsJsonAsync("/api/identity/accounts/verification", new { token = link.Token });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var loggedIn = await http.PostAsJsonAsync("/api/identity/sessions", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, loggedIn.StatusCode);
        return new GatewayUser(email, http, cookies);
    }
}
