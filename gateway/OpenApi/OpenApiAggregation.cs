using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Gateway.Extensions;
using Platform.Gateway.Security;
using Platform.ServiceDefaults.Authentication;
using Scalar.AspNetCore;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// Serves each service's OpenAPI document under the gateway, with its server set to the service's
/// gateway prefix so "try it" calls go through the gateway, and one API reference page over all of them.
/// </summary>
public static class OpenApiAggregation
{
    public static WebApplication MapAggregatedOpenApi(this WebApplication app)
    {
        var services = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Services;
        app.MapGet("/openapi/{service}.json", GetDocument).ExcludeFromDescription();
        app.MapScalarApiReference(SecurityHeadersMiddleware.ApiReferencePath, options =>
        {
            options.WithTitle("Platform API");
            foreach (var service in services)
            {
                options.AddDocument(service, $"{char.ToUpperInvariant(service[0])}{service[1..]}", $"/openapi/{service}.json");
            }
        });
        return app;
    }

    public static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult>> GetDocument(
        string service, IOptions<GatewayOptions> options, IHttpClientFactory clients, InternalTokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (!options.Value.Services.Contains(service))
        {
            return TypedResults.NotFound();
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{service}/openapi/v1.json");
            // Services answer nobody without the gateway's token; the document is for anonymous callers.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.IssueAnonymous());
            using var response = await clients.CreateClient().SendAsync(request, cancellationToken);
            var document = JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken))!;
            document["servers"] = new JsonArray(new JsonObject { ["url"] = $"/api/{service}" });
            return TypedResults.Content(document.ToJsonString(), "application/json");
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "The service's API description is unavailable.",
                detail: $"The {service} service did not answer; try again shortly.");
        }
    }
}
