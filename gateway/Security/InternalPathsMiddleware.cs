namespace Platform.Gateway.Security;

/// <summary>
/// <c>/api/{service}/internal/**</c> is for calls between the platform's own processes (the gateway
/// asking identity about a token); from outside it does not exist. Services still check the caller.
/// </summary>
public sealed class InternalPathsMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 3 && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase)
            && segments[2].Equals("internal", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
