namespace Platform.Approvals.Model.Requests;

/// <summary>
/// An Idempotency-Key a requester used to create a request: a retry with the same key and the same
/// body answers with the request made the first time; another body with the same key is refused.
/// </summary>
public sealed class RequestSubmission
{
    public const int MaxKeyLength = 200;

    public Guid RequesterId { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public byte[] RequestHash { get; private set; } = [];
    public Guid RequestId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private RequestSubmission() { }

    public static RequestSubmission Record(Guid requesterId, string key, byte[] requestHash, Guid requestId, DateTimeOffset now) =>
        new() { RequesterId = requesterId, IdempotencyKey = key, RequestHash = requestHash, RequestId = requestId, CreatedAt = now };

    public bool Repeats(byte[] requestHash) => RequestHash.AsSpan().SequenceEqual(requestHash);
}
