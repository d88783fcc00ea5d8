using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Pages;

namespace Platform.Notifications.Apis;

/// <summary>
/// The unsubscribe link of broadcasts, reached through the gateway at
/// <c>/api/notifications/unsubscribe?token=…</c> without signing in. Mail clients POST to it once
/// (RFC 8058 one-click, <c>List-Unsubscribe=One-Click</c> in the body); a person who clicks the link
/// in the email gets a page with a button, because mail scanners open links: a GET never changes anything.
/// </summary>
public static class UnsubscribeApi
{
    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder routes)
    {
        var unsubscribe = routes.MapGroup("/unsubscribe").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery().WithLinkPageHeaders();
        unsubscribe.MapGet("/", Show);
        unsubscribe.MapPost("/", Unsubscribe);
        return routes;
    }

    public static ContentHttpResult Show(string? token, UnsubscribeTokens tokens) =>
        tokens.TryRead(token, out _, out var category)
            ? Page("Unsubscribe", $"""
                <p>Stop receiving {Encode(Describe(category))} by email?</p>
                <form method="post" action="">
                <input type="hidden" name="token" value="{Encode(token!)}">
                <button type="submit">Unsubscribe</button>
                </form>
                """)
            : InvalidLink();

    public static async Task<ContentHttpResult> Unsubscribe(
        HttpRequest request, UnsubscribeTokens tokens, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (string.IsNullOrEmpty(token) && request.HasFormContentType)
        {
            token = (await request.ReadFormAsync(cancellationToken))["token"];
        }

        if (!tokens.TryRead(token, out var userId, out var category) || !category.CanOptOut())
        {
            return InvalidLink();
        }

        await PreferencesStore.UpdateAsync(db, userId, preferences => preferences.Set(category, receive: false, time.GetUtcNow()), cancellationToken);
        return Page("Unsubscribed", $"<p>You will no longer receive {Encode(Describe(category))} by email. You can turn them on again in your account's settings.</p>");
    }

    private static string Describe(EmailCategory category) => category switch
    {
        EmailCategory.GroupMessages => "messages from your groups",
        EmailCategory.Digests => "digests",
        _ => category.Name() + " emails",
    };

    private static ContentHttpResult InvalidLink() =>
        Page("This link cannot be used", "<p>The unsubscribe link is incomplete or was changed. Open it again from the email, or change your email settings in your account.</p>", 400);

    private static string Encode(string text) => LinkPages.Encode(text);

    private static ContentHttpResult Page(string title, string body, int status = 200) => LinkPages.Page(title, body, status);
}
