using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Notifications.Templates;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Problems;

namespace Platform.Notifications.Apis;

public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder routes)
    {
        var templates = routes.MapGroup("/templates")
            .WithTags("Templates")
            .RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy);
        templates.MapGet("/", List).WithName("ListTemplates").WithSummary("Email templates and their locales (platform administrators)");
        templates.MapGet("/{name}/preview", Preview).WithName("PreviewTemplate")
            .WithSummary("A template rendered with sample data; an unknown locale falls back to English (platform administrators)");
        return routes;
    }

    public static Ok<IReadOnlyList<TemplateSummary>> List(TemplateRenderer renderer) =>
        TypedResults.Ok<IReadOnlyList<TemplateSummary>>(renderer.Templates.Select(name => new TemplateSummary(name, renderer.LocalesOf(name))).ToList());

    public static Results<Ok<TemplatePreview>, ProblemHttpResult> Preview(string name, string? locale, TemplateRenderer renderer, EmailLinks links)
    {
        if (!renderer.Exists(name) || TemplateSamples.For(name, links) is not { } sample)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "No such email template.",
                detail: $"There is no email template named '{name}'. GET /templates lists them.");
        }

        var message = renderer.Render(name, locale, sample);
        return TypedResults.Ok(new TemplatePreview(name, renderer.ResolveLocale(name, locale), message.Subject, message.HtmlBody, message.TextBody));
    }
}

public sealed record TemplateSummary(string Name, IReadOnlyList<string> Locales);

/// <summary><see cref="Locale"/> is the one the template was found in, after falling back.</summary>
public sealed record TemplatePreview(string Name, string Locale, string Subject, string Html, string Text);
