using Microsoft.AspNetCore.Mvc;

namespace Platform.Gateway.Security;

/// <summary>How the gateway answers a request it stops before any service sees it: a ProblemDetails body.</summary>
public static class GatewayRefusals
{
    public static ValueTask RefuseAsync(this IProblemDetailsService problems, HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        });
    }
}
