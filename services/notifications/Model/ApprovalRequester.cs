namespace Platform.Notifications.Model;

/// <summary>
/// Who asked for an approval, kept from <c>ApprovalRequested</c> because the later events of the same
/// request (next step, escalation) do not name them, and an approver asked later should still see who asks.
/// </summary>
public sealed class ApprovalRequester
{
    public Guid RequestId { get; private set; }
    public Guid RequesterId { get; private set; }
    /// <summary>Empty once the requester's account was deleted.</summary>
    public string RequesterName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }

    private ApprovalRequester() { }

    public ApprovalRequester(Guid requestId, Guid requesterId, string requesterName, DateTimeOffset requestedAt)
    {
        RequestId = requestId;
        RequesterId = requesterId;
        RequesterName = Shorten(requesterName);
        RequestedAt = requestedAt;
    }

    public const int MaxNameLength = 200;

    public static string Shorten(string name) => name.Length > MaxNameLength ? name[..MaxNameLength] : name;
}
