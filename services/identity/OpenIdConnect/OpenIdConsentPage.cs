using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Pages;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// The question a third-party client's users answer once: a form that posts the authorization request back to the
/// authorization endpoint with <c>consent=allow</c> or <c>consent=deny</c>. The gateway refuses cross-origin posts,
/// so another site cannot answer for the user; the page may not be framed, so it cannot be clicked through either.
/// </summary>
public static class OpenIdConsentPage
{
    public const string Field = "consent";

    /// <summary>The user's answer on this request: true (allow), false (deny), or null when the page has not been answered.</summary>
    public static bool? Answer(HttpRequest request) =>
        !HttpMethods.IsPost(request.Method) || !request.HasFormContentType ? null
        : request.Form[Field].ToString() switch { "allow" => true, "deny" => false, _ => null };

    public static ContentHttpResult Show(HttpContext context, string clientName, IEnumerable<string> scopes)
    {
        var headers = context.Response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        // No form-action: the answer's redirect chain ends at the client's address, which 'self' would block.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        var request = context.Request;
        var parameters = request.HasFormContentType ? request.Form.AsEnumerable() : request.Query.AsEnumerable();
        var hidden = string.Concat(parameters.Where(p => p.Key != Field).SelectMany(p => p.Value.Select(value =>
            $"<input type=\"hidden\" name=\"{LinkPages.Encode(p.Key)}\" value=\"{LinkPages.Encode(value)}\">\n")));
        var asked = string.Concat(scopes.Where(s => s != Scopes.OpenId).Select(s => $"<li>{LinkPages.Encode(Describe(s))}</li>"));
        return LinkPages.Page($"Allow {clientName}?", $"""
            <p>{LinkPages.Encode(clientName)} wants to sign you in with your platform account{(asked.Length > 0 ? " and" : ".")}</p>
            {(asked.Length > 0 ? $"<ul>{asked}</ul>" : "")}
            <p>You can withdraw this later under "My account".</p>
            <form method="post" action="/connect/authorize">
            {hidden}<button type="submit" name="{Field}" value="allow">Allow</button>
            <button type="submit" name="{Field}" value="deny">Deny</button>
            </form>
            """, 200);
    }

    private static string Describe(string scope) => scope switch
    {
        Scopes.Profile => "see your name",
        Scopes.Email => "see your email address",
        Scopes.OfflineAccess => "stay signed in when you are away",
        OpenIdScopes.Organizations => "see the organizations you belong to and your rank in them",
        OpenIdScopes.Api => "use the platform's APIs as you",
        _ => scope,
    };
}
