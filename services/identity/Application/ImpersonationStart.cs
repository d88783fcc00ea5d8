using Microsoft.Extensions.Options;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Http;

namespace Platform.Identity.Application;

public abstract record ImpersonationResult
{
    public sealed record Started(string Handle, DateTimeOffset ExpiresAt) : ImpersonationResult;
    public sealed record Refused(string Reason) : ImpersonationResult;
}

/// <summary>
/// Starting an impersonation, once the caller's right to it is decided (platform administrator, or an
/// organization's admin over a member of lower rank): the account's own rules, the time-limited
/// session reached through the administrator's, and the audit entry in the user's trail.
/// </summary>
public sealed class ImpersonationStart(
    IdentityDbContext db, SessionStore sessions, AuditTrail audit, IOptions<AccountOptions> options)
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;

    public static string? CheckReason(string? reason, out string trimmed)
    {
        trimmed = reason?.Trim() ?? "";
        return trimmed.Length is < MinReasonLength or > MaxReasonLength ? $"A reason of {MinReasonLength} to {MaxReasonLength} characters is required." : null;
    }

    public async Task<ImpersonationResult> StartAsync(
        User user, Guid administratorId, string administratorHandle, string reason, Guid? organizationId, HttpContext context, CancellationToken cancellationToken)
    {
        if (user.RefusalToImpersonate(administratorId) is { } refusal) return new ImpersonationResult.Refused(refusal);

        var started = await sessions.StartImpersonationAsync(user, administratorId, administratorHandle, options.Value.ImpersonationLifetime,
            context.Request.Headers.UserAgent.ToString(), context.ClientAddress(), organizationId);
        if (started is not { } impersonation) return new ImpersonationResult.Refused("The administrator's session has ended.");
        var scope = organizationId is { } organization ? $" as an admin of organization {organization}" : "";
        audit.Record(AuditActions.ImpersonationStarted, administratorId, user.Id,
            $"until {impersonation.Record.AbsoluteExpiresAt:O}, session {impersonation.Handle[..8]}{scope}: {reason}");
        await db.SaveChangesAsync(cancellationToken);
        return new ImpersonationResult.Started(impersonation.Handle, impersonation.Record.AbsoluteExpiresAt);
    }
}
