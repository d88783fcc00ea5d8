using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Problems;

/// <summary>How middleware answers a request it stops before any endpoint sees it: a ProblemDetails body.</summary>
public static class Refusals
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

    public static Task RefuseAsync(this HttpContext context, int status, string type, string title, string detail) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>().RefuseAsync(context, status, type, title, detail).AsTask();
}
