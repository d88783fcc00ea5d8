using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Apis;

/// <summary>A signed-in user's own email preferences; nobody else's can be read or changed here.</summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder routes)
    {
        var preferences = routes.MapGroup("/preferences").WithTags("Preferences").RequireAuthorization();
        preferences.MapGet("/", Get).WithName("GetPreferences").WithSummary("Which emails the signed-in user receives");
        preferences.MapPut("/", Put).WithName("PutPreferences")
            .WithSummary("Replaces the preferences: group messages and digests on or off; security and transactional emails cannot be turned off")
            .WithDescription("PUT replaces: groupMessages and digests are required (a missing one is a 400 naming it); security and transactional default to true. To change one, PATCH.");
        preferences.MapPatch("/", Patch).WithName("PatchPreferences").Accepts<PreferencesUpdate>(JsonMergePatch.MediaType)
            .WithSummary("Changes some preferences with a JSON merge patch")
            .WithDescription("RFC 7396: a field present sets, null puts back the default (receive), absent keeps.");
        return routes;
    }

    public static async Task<Ok<PreferencesResponse>> Get(HttpContext context, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var preferences = await db.Preferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken)
            ?? NotificationPreferences.Default(userId);
        return TypedResults.Ok(PreferencesResponse.Of(preferences));
    }

    public static async Task<Results<Ok<PreferencesResponse>, ValidationProblem>> Put(
        PreferencesUpdate update, HttpContext context, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = UnknownFields(update);
        foreach (var (field, value) in new[] { ("groupMessages", update.GroupMessages), ("digests", update.Digests) })
        {
            if (value is null)
            {
                errors[field] = [$"Required: PUT replaces the preferences. To change one, send PATCH with {JsonMergePatch.MediaType}."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var preferences = await PreferencesStore.UpdateAsync(db, context.User.UserId(), preferences => Apply(preferences, update, errors, now), cancellationToken);
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(PreferencesResponse.Of(preferences));
    }

    public static async Task<Results<Ok<PreferencesResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        HttpContext context, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (patch, problem) = await JsonMergePatch.ReadAsync(context.Request, cancellationToken);
        if (patch is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        // Merged under the row lock, so an unsubscribe click at the same moment is not overwritten.
        var preferences = await PreferencesStore.UpdateAsync(db, context.User.UserId(), preferences =>
        {
            var (merged, invalid) = JsonMergePatch.Merge(PreferencesUpdate.Of(preferences), patch);
            if (merged is null)
            {
                problem = invalid;
                return false;
            }

            errors = UnknownFields(merged);
            return errors.Count == 0 && Apply(preferences, merged.WithDefaults(), errors, now);
        }, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(PreferencesResponse.Of(preferences));
    }

    private static Dictionary<string, string[]> UnknownFields(PreferencesUpdate update) =>
        (update.Unknown?.Keys ?? Enumerable.Empty<string>()).ToDictionary(
            name => name, _ => new[] { "There is no such email category; the categories are groupMessages, digests, security and transactional." });

    /// <summary>Sets every category the update names; false (nothing to commit) when one may not be turned off.</summary>
    private static bool Apply(NotificationPreferences preferences, PreferencesUpdate update, Dictionary<string, string[]> errors, DateTimeOffset now)
    {
        foreach (var (field, category, receive) in update.Changes())
        {
            if (!preferences.Set(category, receive, now))
            {
                errors[field] = [$"{Describe(category)} cannot be turned off: without them an account cannot be used safely."];
            }
        }

        return errors.Count == 0;
    }

    private static string Describe(EmailCategory category) => category == EmailCategory.Security
        ? "Security emails (verification, password reset and change, email change, lockout, sign-up attempts)"
        : "Transactional emails (such as the welcome email)";
}

/// <summary>
/// The preferences, all of them: PUT replaces them, so groupMessages and digests are required (security
/// and transactional may only be true, and default to it); PATCH (a JSON merge patch of this shape) changes some.
/// </summary>
public sealed record PreferencesUpdate(
    [property: Required] bool? GroupMessages, [property: Required] bool? Digests, bool? Security = null, bool? Transactional = null)
{
    public static PreferencesUpdate Of(NotificationPreferences p) => new(p.GroupMessages, p.Digests, Security: true, Transactional: true);

    /// <summary>What a merge patch removed (null) goes back to its default: every category is received.</summary>
    public PreferencesUpdate WithDefaults() => this with { GroupMessages = GroupMessages ?? true, Digests = Digests ?? true };

    /// <summary>Any other field: refused rather than silently ignored, so a typo does not look like success.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    public IEnumerable<(string Field, EmailCategory Category, bool Receive)> Changes()
    {
        if (GroupMessages is { } groupMessages) yield return ("groupMessages", EmailCategory.GroupMessages, groupMessages);
        if (Digests is { } digests) yield return ("digests", EmailCategory.Digests, digests);
        if (Security is { } security) yield return ("security", EmailCategory.Security, security);
        if (Transactional is { } transactional) yield return ("transactional", EmailCategory.Transactional, transactional);
    }
}

/// <summary><see cref="Security"/> and <see cref="Transactional"/> are always true: listed so clients can show them, greyed out.</summary>
public sealed record PreferencesResponse(bool GroupMessages, bool Digests, bool Security, bool Transactional, DateTimeOffset? UpdatedAt)
{
    public static PreferencesResponse Of(NotificationPreferences p) => new(
        p.GroupMessages, p.Digests, Security: true, Transactional: true, p.UpdatedAt == default ? null : p.UpdatedAt);
}

internal static class PreferencesStore
{
    /// <summary>
    /// Reads the user's row locked (creating the default one first), lets <paramref name="change"/> apply
    /// its changes and commits them when it returns true. Two requests for one user, a settings page and
    /// an unsubscribe click say, take turns instead of overwriting each other's field.
    /// </summary>
    public static async Task<NotificationPreferences> UpdateAsync(
        NotificationsDbContext db, Guid userId, Func<NotificationPreferences, bool> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var fresh = NotificationPreferences.Default(userId);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NotificationPreferences" ("UserId", "GroupMessages", "Digests", "UpdatedAt")
            VALUES ({userId}, {fresh.GroupMessages}, {fresh.Digests}, {fresh.UpdatedAt})
            ON CONFLICT ("UserId") DO NOTHING
            """, cancellationToken);
        var preferences = await db.Preferences
            .FromSql($"""SELECT * FROM "NotificationPreferences" WHERE "UserId" = {userId} FOR UPDATE""")
            .SingleAsync(cancellationToken);
        if (change(preferences))
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return preferences;
    }
}
