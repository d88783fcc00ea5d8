namespace Platform.Membership.Model.Groups;

/// <summary>
/// The record of a message posted to a group (without its body: notifications holds the copies it
/// sends). It makes a post with the same Idempotency-Key a no-op, so a retry never mails twice.
/// </summary>
public sealed class GroupPost
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;
    public const int MaxIdempotencyKeyLength = 100;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Subject { get; private set; } = "";
    public int RecipientCount { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }

    private GroupPost() { }

    public static GroupPost Record(MessageGroup group, Guid authorId, string subject, int recipientCount, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = group.OrganizationId,
        GroupId = group.Id,
        AuthorId = authorId,
        Subject = subject,
        RecipientCount = recipientCount,
        IdempotencyKey = idempotencyKey,
        PostedAt = now,
    };

    /// <summary>
    /// A subject of 1 to 200 characters on one line (it becomes an email header), a body of 1 to
    /// 20,000 characters without control characters other than line breaks and tabs.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? subject, string? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(subject) || subject.Trim().Length > MaxSubjectLength || subject.Any(char.IsControl))
            errors["subject"] = [$"A subject of 1 to {MaxSubjectLength} characters on one line."];
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength || body.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors["body"] = [$"A body of 1 to {MaxBodyLength:N0} characters."];
        return errors;
    }
}
