using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Problems;

namespace Platform.Gateway.BrowserConsole;

/// <summary>
/// Serves the browser console: its hashed assets as static files, and index.html for every other GET that no
/// route claims (client-side routes such as /account). Paths that belong to the platform's own endpoints keep
/// their 404 instead of turning into the app.
/// </summary>
public static class ConsoleHosting
{
    // Prefixes the app must never shadow: the APIs and the pages behind emailed links, the API reference and
    // documents, health, and the OpenID provider's discovery and protocol endpoints.
    private static readonly string[] ReservedPrefixes = ["/api", "/openapi", "/api-reference", "/.well-known", "/connect", "/health", "/alive"];

    /// <summary>A GET for the app itself (its files, or a client route), not for anything the platform guards.</summary>
    public static bool IsConsoleRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !ReservedPrefixes.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public static WebApplication UseConsoleFiles(this WebApplication app)
    {
        var root = ConsoleRoot(app);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No console at {ConsoleRoot}: build it with `npm ci && npm run build` in console/.", root);
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context =>
            {
                // Vite puts a content hash in every asset's name; index.html is never served from here.
                if (context.Context.Request.Path.StartsWithSegments("/assets"))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        var index = Path.Combine(ConsoleRoot(app), "index.html");
        app.MapFallback(async context =>
        {
            var path = context.Request.Path;
            if (!IsConsoleRequest(context.Request) || !File.Exists(index))
            {
                await context.RefuseAsync(
                    StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", $"Nothing is served at {path}.");
                return;
            }

            var nonce = ConsolePolicy.NewNonce();
            var html = (await File.ReadAllTextAsync(index, context.RequestAborted)).Replace(ConsolePolicy.NoncePlaceholder, nonce, StringComparison.Ordinal);
            context.Response.Headers.ContentSecurityPolicy = ConsolePolicy.For(nonce);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html, context.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }

    private static string ConsoleRoot(WebApplication app) =>
        app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.ResolveRoot(app.Environment.ContentRootPath);
}
