namespace Platform.Membership.Model.Invitations;

/// <summary>
/// The record of one bulk invitation sent with an Idempotency-Key: a fingerprint of the request and
/// the answer given, so a retry gets the same answer and invites nobody twice.
/// </summary>
public sealed class InvitationBatch
{
    public const int MaxIdempotencyKeyLength = 100;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid InvitedBy { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>SHA-256 of the request (organization and body): the same key with another request is refused.</summary>
    public byte[] RequestHash { get; private set; } = [];
    public string ResponseJson { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    private InvitationBatch() { }

    public static InvitationBatch Record(Guid organizationId, Guid invitedBy, string idempotencyKey, byte[] requestHash, string responseJson, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        InvitedBy = invitedBy,
        IdempotencyKey = idempotencyKey,
        RequestHash = requestHash,
        ResponseJson = responseJson,
        CreatedAt = now,
    };

    public bool Repeats(Guid organizationId, byte[] requestHash) => OrganizationId == organizationId && RequestHash.AsSpan().SequenceEqual(requestHash);
}
