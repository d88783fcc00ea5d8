using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Identity.Apis;

/// <summary>The plain server-rendered pages behind emailed links, and the headers every one of them gets.</summary>
internal static class HtmlPages
{
    /// <summary>The secret is in the address: never sent on as a referrer, never cached, nothing else loaded.</summary>
    public static RouteGroupBuilder WithLinkPageHeaders(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        var headers = context.HttpContext.Response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return await next(context);
    });

    public static ContentHttpResult Message(string title, string text, int status = 200) =>
        Page(title, $"<p>{HtmlEncoder.Default.Encode(text)}</p>", status);

    public static ContentHttpResult Page(string title, string body, int status) => TypedResults.Content($"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer"><title>{HtmlEncoder.Default.Encode(title)}</title>
        <style>body{"{"}font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem{"}"}</style></head>
        <body><h1>{HtmlEncoder.Default.Encode(title)}</h1>
        {body}
        </body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
