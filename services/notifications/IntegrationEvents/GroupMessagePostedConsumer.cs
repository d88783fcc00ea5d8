using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.Notifications.Templates;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// A broadcast: one delivery per recipient who has not opted out of group messages, each with its
/// own unsubscribe link and <c>List-Unsubscribe</c> headers (RFC 8058). Thousands of rows are rendered
/// and written in chunks with binary COPY inside the inbox transaction (so memory stays flat and ten
/// thousand rows take a fraction of a second), and queued at <see cref="DeliveryPriority.Bulk"/>, so a password reset arriving meanwhile
/// is sent first. Membership already leaves out those who opted out on its side; this service checks
/// its own preferences too, since that is where the unsubscribe link writes.
/// </summary>
public sealed partial class GroupMessagePostedConsumer(
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, EmailLinks links, UnsubscribeTokens unsubscribe,
    DeliverySignal signal, ILogger<GroupMessagePostedConsumer> logger)
    : IdempotentConsumer<GroupMessagePosted, NotificationsDbContext>(db, clock, logger)
{
    private const int ChunkSize = 500;
    private const string OneClick = "List-Unsubscribe=One-Click";

    protected override async Task HandleAsync(GroupMessagePosted message, ConsumeContext<GroupMessagePosted> context)
    {
        var userIds = message.Recipients.Select(r => r.UserId).Distinct().ToArray();
        var optedOut = (await Db.Preferences.Where(p => !p.GroupMessages && userIds.Contains(p.UserId))
            .Select(p => p.UserId).ToListAsync(context.CancellationToken)).ToHashSet();

        var addresses = new HashSet<string>(StringComparer.Ordinal);
        var recipients = message.Recipients
            .Where(r => !optedOut.Contains(r.UserId) && IsUsable(r.Email) && addresses.Add(EmailDelivery.NormalizeAddress(r.Email)))
            .ToList();
        var skipped = message.Recipients.Count(r => !optedOut.Contains(r.UserId)) - recipients.Count;
        if (skipped > 0)
        {
            LogSkipped(message.PostId, skipped);
        }

        var locales = await Db.DirectoryUsers.Where(u => userIds.Contains(u.UserId) && !u.Deleted && u.Locale != null)
            .ToDictionaryAsync(u => u.UserId, u => u.Locale, context.CancellationToken);
        var now = Time.GetUtcNow();
        var eventId = context.MessageId!.Value;
        foreach (var chunk in recipients.Chunk(ChunkSize))
        {
            var deliveries = new List<EmailDelivery>(chunk.Length);
            foreach (var recipient in chunk)
            {
                var link = links.Unsubscribe(unsubscribe.Create(recipient.UserId, EmailCategory.GroupMessages));
                var email = templates.Render(EmailTemplates.GroupMessage, locales.GetValueOrDefault(recipient.UserId), new GroupMessageModel(
                    recipient.FirstName, message.AuthorName, message.GroupName, message.Subject, message.Body, message.PostedAt, link));
                deliveries.Add(EmailDelivery.Queue(eventId, EmailTemplates.GroupMessage, recipient.Email, email, now, new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = $"<{link}>",
                    ["List-Unsubscribe-Post"] = OneClick,
                }));
            }

            await BulkCopy.CopyAsync(Db, deliveries, context.CancellationToken);
        }

        if (recipients.Count > 0)
        {
            AfterCommit(() => signal.Notify(recipients.Count));
        }
    }

    private static bool IsUsable(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Contains('@') && email.Trim().Length <= 254;

    [LoggerMessage(LogLevel.Warning, "Group message {PostId}: {Count} recipients skipped (no usable address, or listed twice)")]
    private partial void LogSkipped(Guid postId, int count);
}
