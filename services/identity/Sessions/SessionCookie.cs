using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Identity.Sessions;

/// <summary>The session cookie of ARCHITECTURE.md: HttpOnly, Secure outside plain-http development, SameSite=Lax, path /.</summary>
public sealed class SessionCookie(IOptions<BrowserSessionOptions> options)
{
    public void Set(HttpResponse response, string sessionId, DateTimeOffset expiresAt) =>
        response.Cookies.Append(options.Value.CookieName, sessionId, Options(expiresAt));

    public void Clear(HttpResponse response) => response.Cookies.Delete(options.Value.CookieName, Options(null));

    private CookieOptions Options(DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = options.Value.SecureCookie,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expiresAt,
    };
}
