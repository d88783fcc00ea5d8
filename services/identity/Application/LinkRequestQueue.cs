using System.Diagnostics;
using System.Threading.Channels;
using Platform.Identity.Audit;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Application;

public enum LinkRequestKind { PasswordReset, VerificationResend }

/// <summary>An anonymous request for an emailed link, with where it came from for the audit trail.</summary>
public sealed record LinkRequest(LinkRequestKind Kind, string Email, AuditContext Origin, ActivityContext Trace);

/// <summary>
/// Forgot-password and resend-verification answer before they look the address up: the lookup, the
/// token and the event happen afterwards, in <see cref="LinkRequestWorker"/>, so the answer takes the
/// same time whether or not an account has the address. A request still queued when the process stops
/// is lost; its sender asks again, as after any email that did not arrive.
/// </summary>
public sealed partial class LinkRequestQueue(ILogger<LinkRequestQueue> logger)
{
    public const int Capacity = 10_000;

    private readonly Channel<LinkRequest> channel = Channel.CreateBounded<LinkRequest>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<LinkRequest> Reader => channel.Reader;

    /// <summary>Queues the request unless the address cannot be a mailbox; a full queue drops it (and says so in the log).</summary>
    public void Enqueue(LinkRequestKind kind, string? email, AuditContext origin)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized)) return;
        if (!channel.Writer.TryWrite(new LinkRequest(kind, normalized, origin, Activity.Current?.Context ?? default))) LogDropped(kind);
    }

    [LoggerMessage(LogLevel.Warning, "The link request queue is full ({Capacity} waiting); a {Kind} request was dropped")]
    private partial void LogDropped(LinkRequestKind kind, int capacity = Capacity);
}
