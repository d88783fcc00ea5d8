namespace Platform.Identity.Model;

/// <summary>
/// A program registered to call the platform with its own tokens or to sign users in: an organization's (its owner and
/// admins manage it, and it acts in that organization only), or a platform-wide one (platform administrators manage it;
/// Grafana or a Kubernetes dashboard that everyone signs in to, whatever their organizations).
/// </summary>
public sealed class ClientApp
{
    public const int MaxNameLength = 100;

    /// <summary>What is wrong with a (trimmed) name for a client app, or null.</summary>
    public static string? NameProblem(string name) => name.Length is 0 or > MaxNameLength ? $"A name of 1 to {MaxNameLength} characters is required." : null;

    public Guid Id { get; private set; }
    /// <summary>Null: a platform-wide client app.</summary>
    public Guid? OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }

    private ClientApp() { }

    public static ClientApp Register(Guid? organizationId, string name, Guid createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        Name = name,
        CreatedAt = now,
        CreatedBy = createdBy,
    };
}
