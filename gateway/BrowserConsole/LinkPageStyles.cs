using Platform.ServiceDefaults.Pages;

namespace Platform.Gateway.BrowserConsole;

/// <summary>
/// Serves the one stylesheet of the pages behind emailed links (<see cref="LinkPages.StylesheetPath"/>). It lives in
/// the gateway, not in the console's build, so those pages are styled even where the console is not built, and every
/// service's pages share it without a copy; their policy allows styles from this origin only.
/// </summary>
public static class LinkPageStyles
{
    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var resource = typeof(LinkPageStyles).Assembly.GetManifestResourceStream("Platform.Gateway.BrowserConsole.link-pages.css")
            ?? throw new InvalidOperationException("link-pages.css is not embedded in the gateway.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    });

    public static WebApplication MapLinkPageStyles(this WebApplication app)
    {
        app.MapGet(LinkPages.StylesheetPath, (HttpContext context) =>
        {
            // Not content-hashed like the console's assets: cached briefly, so a new look reaches people within the hour.
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(Stylesheet.Value, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
