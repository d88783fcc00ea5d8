using System.Security.Cryptography;

namespace Platform.Membership.Model.Invitations;

/// <summary>
/// Stored states. <see cref="Invitation.StateAt"/> also answers <see cref="Expired"/> for a pending
/// invitation past its expiry: nothing has to run for an invitation to expire.
/// </summary>
public enum InvitationState
{
    Pending,
    Accepted,
    Expired,
    Revoked,
}

/// <summary>
/// An invitation of one email address into an organization, with the rank, scope and units the
/// membership will have. The link's secret is 32 random bytes; only its SHA-256 hash is kept, so a
/// leaked database does not let anyone accept.
/// </summary>
public sealed class Invitation
{
    public const int MaxEmailLength = 254;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Email { get; private set; } = "";
    public Rank Rank { get; private set; }
    public Guid? ScopeUnitId { get; private set; }
    public List<Guid> UnitIds { get; private set; } = [];
    public InvitationState State { get; private set; }
    public Guid InvitedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedByUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    /// <summary>The person's name as the inviter or an import gave it (for their pending account and the email), or null.</summary>
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    /// <summary>The language of the invitation email and of the pending account (en, de), or null for the default.</summary>
    public string? Language { get; private set; }
    /// <summary>Custom field values the membership gets on acceptance (from an import).</summary>
    public Dictionary<string, string> CustomFields { get; private set; } = [];
    /// <summary>The import that created this invitation, if one did.</summary>
    public Guid? ImportId { get; private set; }

    private Invitation() { }

    /// <summary>A new pending invitation and the raw token for its link (returned once, never stored).</summary>
    public static (Invitation Invitation, string Token) Issue(
        Guid organizationId, string email, Rank rank, Guid? scopeUnitId, IEnumerable<Guid> unitIds, Guid invitedBy, DateTimeOffset now, TimeSpan lifetime,
        ImportedPerson? imported = null, InvitedPerson? invitee = null)
    {
        if (rank == Rank.Owner) throw new ArgumentOutOfRangeException(nameof(rank), "Ownership is transferred, not granted.");
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Email = email,
            Rank = rank,
            ScopeUnitId = scopeUnitId,
            UnitIds = unitIds.Distinct().ToList(),
            State = InvitationState.Pending,
            InvitedBy = invitedBy,
            CreatedAt = now,
            FirstName = invitee?.FirstName ?? imported?.FirstName,
            LastName = invitee?.LastName ?? imported?.LastName,
            Language = invitee?.Language ?? imported?.Language,
            CustomFields = imported?.CustomFields ?? [],
            ImportId = imported?.ImportId,
        };
        return (invitation, invitation.NewToken(now, lifetime));
    }

    public InvitationState StateAt(DateTimeOffset now) =>
        State == InvitationState.Pending && now >= ExpiresAt ? InvitationState.Expired : State;

    /// <summary>Whether this invitation still waits for an answer (pending and not expired).</summary>
    public bool IsOpenAt(DateTimeOffset now) => StateAt(now) == InvitationState.Pending;

    public string? Accept(Guid userId, DateTimeOffset now)
    {
        if (Refusal(now, "accepted") is { } refusal) return refusal;
        State = InvitationState.Accepted;
        AcceptedAt = now;
        AcceptedByUserId = userId;
        return null;
    }

    public string? Revoke(DateTimeOffset now)
    {
        if (State != InvitationState.Pending) return $"The invitation is {Name(State)}; only a pending invitation can be revoked.";
        State = InvitationState.Revoked;
        RevokedAt = now;
        return null;
    }

    /// <summary>A new token and a new expiry for a pending (or merely timed-out) invitation; the old link stops working.</summary>
    public (string? Refusal, string? Token) Resend(DateTimeOffset now, TimeSpan lifetime) =>
        State == InvitationState.Pending
            ? (null, NewToken(now, lifetime))
            : ($"No email was sent: the invitation is {Name(State)}, so it cannot be resent. Send a new invitation instead.", null);

    /// <summary>A newer invitation to the same address replaces this timed-out one.</summary>
    public void Supersede(DateTimeOffset now)
    {
        if (StateAt(now) == InvitationState.Expired) State = InvitationState.Expired;
    }

    public static byte[] HashOf(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    public static string Name(InvitationState state) => state.ToString().ToLowerInvariant();

    private string? Refusal(DateTimeOffset now, string verb) => StateAt(now) switch
    {
        InvitationState.Pending => null,
        InvitationState.Expired => $"The invitation expired on {ExpiresAt:u}; ask for it to be resent.",
        InvitationState.Accepted => "The invitation was already accepted; it can be used once.",
        var state => $"The invitation was {Name(state)} and cannot be {verb}.",
    };

    private string NewToken(DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        TokenHash = HashOf(token);
        ExpiresAt = now + lifetime;
        return token;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What an import knows about a person besides their address.</summary>
public sealed record ImportedPerson(Guid ImportId, string? FirstName, string? LastName, Dictionary<string, string> CustomFields, string? Language = null);
