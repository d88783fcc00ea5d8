using System.Diagnostics;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Http;

namespace Platform.Identity.Audit;

/// <summary>
/// Adds audit entries to the request's unit of work, so an entry commits with the change it
/// describes (a failed login commits on its own with the failure counter).
/// </summary>
public sealed class AuditTrail(IdentityDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>While impersonating, the entry names the administrator behind the actor too.</summary>
    public void Record(string action, Guid? actorId, Guid? targetUserId, string? detail = null)
    {
        if (http.HttpContext?.User.ImpersonatorId() is { } impersonator)
        {
            detail = detail is null ? $"impersonated by {impersonator}" : $"{detail} (impersonated by {impersonator})";
        }

        db.AuditEntries.Add(AuditEntry.Record(
            action, actorId, targetUserId, Context(), time.GetUtcNow(), detail is { Length: > 500 } ? detail[..500] : detail, OrganizationScope));
    }

    /// <summary>Set for a request in which an organization's owner or admins manage its accounts: every entry then names it.</summary>
    public Guid? OrganizationScope { get; set; }

    public HttpContext? HttpContext => http.HttpContext;

    /// <summary>For work done after the request was answered (<see cref="Application.LinkRequestWorker"/>): where it came from.</summary>
    public AuditContext? Origin { get; set; }

    public AuditContext Context()
    {
        if (Origin is { } origin) return origin;
        var context = http.HttpContext;
        return new AuditContext(context.ClientAddress(), context?.Request.Headers.UserAgent.ToString(), Activity.Current?.TraceId.ToString());
    }
}
