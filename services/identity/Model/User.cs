namespace Platform.Identity.Model;

public sealed class User
{
    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string PasswordHash { get; private set; } = "";
    public UserState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private User() { }

    /// <summary>A self-service sign-up: inputs already normalized and validated by <see cref="Registration"/>.</summary>
    public static User Register(Registration registration, string passwordHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = registration.Email,
        FirstName = registration.FirstName,
        LastName = registration.LastName,
        PasswordHash = passwordHash,
        State = UserState.Pending,
        CreatedAt = now,
    };
}
