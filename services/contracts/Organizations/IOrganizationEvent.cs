namespace Platform.Contracts.Organizations;

/// <summary>
/// An event that belongs to one organization. The organization's webhooks may subscribe to it by its
/// <see cref="WebhookEventTypes">event type name</see>.
/// </summary>
public interface IOrganizationEvent
{
    Guid OrganizationId { get; }
}
