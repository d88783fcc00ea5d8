namespace Platform.Identity.Model;

/// <summary>A program an organization registered to call the platform with its own tokens.</summary>
public sealed class ClientApp
{
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }

    private ClientApp() { }

    public static ClientApp Register(Guid organizationId, string name, Guid createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        Name = name,
        CreatedAt = now,
        CreatedBy = createdBy,
    };
}
