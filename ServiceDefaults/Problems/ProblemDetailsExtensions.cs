using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Problems;

public static class ProblemDetailsExtensions
{
    public static void AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] =
                Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            ProblemDefaults.Apply(context);
        });
        services.AddExceptionHandler<TransientFailureExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
    }

    /// <summary>
    /// Every error leaves as RFC 9457 ProblemDetails; call it first in the pipeline. Authentication
    /// and authorization are placed after it explicitly, because the ones WebApplication adds on its
    /// own would run first and leave a bare 401/403. Between them: a service refuses what did not come
    /// through the gateway, answers routing's own refusals (404, 405, 415) without authorization, and keeps an
    /// organization's client app out of other organizations.
    /// </summary>
    public static WebApplication UsePlatformProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
            app.UseMiddleware<InternalTokenGate>();
            app.UseMiddleware<RoutingRefusals>();
            app.UseMiddleware<ClientOrganizationBoundary>();
            app.UseAuthorization();
        }

        return app;
    }
}
