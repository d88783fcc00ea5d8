namespace Platform.Identity.Model;

/// <summary>One security-relevant event: who did what to whom, when, from where, in which trace.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Action { get; private set; } = "";
    public Guid? ActorId { get; private set; }
    public Guid? TargetUserId { get; private set; }
    /// <summary>The organization on whose behalf the actor acted (its owner or admins managing its accounts), or null.</summary>
    public Guid? OrganizationId { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public string? TraceId { get; private set; }
    public string? Detail { get; private set; }

    private AuditEntry() { }

    public static AuditEntry Record(string action, Guid? actorId, Guid? targetUserId, AuditContext context, DateTimeOffset now, string? detail = null,
        Guid? organizationId = null) => new()
    {
        OrganizationId = organizationId,
        OccurredAt = now,
        Action = action,
        ActorId = actorId,
        TargetUserId = targetUserId,
        ClientAddress = context.ClientAddress,
        UserAgent = context.UserAgent is { Length: > 300 } agent ? agent[..300] : context.UserAgent,
        TraceId = context.TraceId,
        Detail = detail,
    };
}

/// <summary>Where a request came from, for the audit trail.</summary>
public sealed record AuditContext(string? ClientAddress, string? UserAgent, string? TraceId);
