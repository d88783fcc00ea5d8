using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Pages;

/// <summary>
/// The plain server-rendered pages behind emailed links (verification, invitations, external approvals),
/// and the headers every one of them gets. Values are HTML-encoded with <see cref="Encode"/>.
/// </summary>
public static class LinkPages
{
    /// <summary>The pages' one stylesheet, served by the gateway at the root of the origin the pages are reached on.</summary>
    public const string StylesheetPath = "/link-pages.css";

    /// <summary>Nothing but this origin's stylesheet and same-origin form posts; no script, no inline style.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The secret is in the address: never sent on as a referrer, never cached, nothing else loaded.</summary>
    public static RouteGroupBuilder WithLinkPageHeaders(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        var headers = context.HttpContext.Response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        return await next(context);
    });

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static ContentHttpResult Message(string title, string text, int status = 200) => Page(title, $"<p>{Encode(text)}</p>", status);

    /// <summary>A whole page around <paramref name="body"/>, which must already be encoded HTML.</summary>
    public static ContentHttpResult Page(string title, string body, int status) => TypedResults.Content($"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer"><title>{Encode(title)}</title>
        <link rel="stylesheet" href="{StylesheetPath}"></head>
        <body><header class="brand">Platform</header>
        <main><h1>{Encode(title)}</h1>
        {body}
        </main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
