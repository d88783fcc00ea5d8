using Platform.Contracts.Organizations;

namespace Platform.Contracts.Membership;

/// <summary>
/// A message posted to a message group. Membership resolves the group's members when it is posted
/// and lists them here, so notifications can fan out without asking back; it skips members who opted
/// out of group messages.
/// </summary>
public sealed record GroupMessagePosted(
    Guid PostId,
    Guid OrganizationId,
    Guid GroupId,
    string GroupName,
    Guid AuthorId,
    string AuthorName,
    string Subject,
    string Body,
    IReadOnlyList<GroupMessageRecipient> Recipients,
    DateTimeOffset PostedAt) : IOrganizationEvent;

public sealed record GroupMessageRecipient(Guid UserId, string Email, string FirstName);
