using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Gateway.Extensions;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Problems;

namespace Platform.Gateway.Security;

public static class ClientRateLimiting
{
    public const string LoginPolicy = "login";

    /// <summary>
    /// A fixed window per client address over every route but the probes. Behind an ingress, configure
    /// forwarded headers so the address is the client's, not the ingress's.
    /// </summary>
    public static void AddClientRateLimiting(this IServiceCollection services, GatewayOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HealthEndpoints.IsProbe(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = options.RequestsPerWindow,
                            Window = options.RateLimitWindow,
                            QueueLimit = 0,
                        }));
            // Named policy for the login route (YARP RateLimiterPolicy "login"): guessing passwords from
            // one address is slowed here, on top of identity's per-account lockout.
            limiter.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.LoginAttemptsPerWindow,
                    Window = options.LoginWindow,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = WriteTooManyRequests;
        });
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().RefuseAsync(context, StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "Too many requests.",
            $"This address sent too many requests; retry after {context.Response.Headers.RetryAfter} s.");
    }
}
