using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Renders an email and stages its delivery in the caller's transaction, applying the recipient's
/// limit for the template (<see cref="EmailOptions.RecipientLimits"/>): one over it is staged as
/// throttled, visible in the log, never sent.
/// </summary>
public sealed class EmailQueue(
    NotificationsDbContext db, TemplateRenderer templates, IOptions<EmailOptions> options, DeliverySignal signal, TimeProvider time)
{
    /// <summary>True when the email will be sent, false when it was throttled. Call inside a transaction.</summary>
    public async Task<bool> QueueAsync(
        Guid sourceEventId, string template, string recipient, object model, CancellationToken cancellationToken, string? fallbackLocale = null)
    {
        // In the recipient's language when the directory knows them and it; else the event's; otherwise English.
        var message = templates.Render(template, await db.LocaleOfAsync(recipient, cancellationToken) ?? fallbackLocale, model);
        var now = time.GetUtcNow();
        var address = EmailDelivery.NormalizeAddress(recipient);
        if (options.Value.RecipientLimits.TryGetValue(template, out var limit) && limit.IsActive)
        {
            // One count at a time per recipient and template (until the commit): two requests racing
            // each other cannot both see the last free slot.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({address + "\n" + template}, 0))", cancellationToken);
            var since = limit.WindowStart(now);
            var recent = await db.Deliveries.CountAsync(
                d => d.Recipient == address && d.Template == template && d.CreatedAt > since && d.State != DeliveryState.Throttled,
                cancellationToken);
            if (!limit.Allows(recent))
            {
                db.Deliveries.Add(EmailDelivery.Throttled(sourceEventId, template, address, message, now, limit.Describe(template)));
                return false;
            }
        }

        db.Deliveries.Add(EmailDelivery.Queue(sourceEventId, template, address, message, now));
        return true;
    }

    /// <summary>Call after the commit: the workers would not see the rows earlier.</summary>
    public void WakeWorkers(int count) => signal.Notify(count);
}
