using Platform.Contracts.Organizations;

namespace Platform.Contracts.Membership;

/// <summary>
/// An organization's security settings, complete after the change. RequireTwoFactor sends its
/// members without two-factor to enrolment at their next login; AdminsMayImpersonate lets its admins
/// impersonate members of lower rank. Also published, with both false, when an organization is created.
/// </summary>
public sealed record OrganizationSecurityChanged(
    Guid OrganizationId, bool RequireTwoFactor, bool AdminsMayImpersonate, Guid? ActorId, DateTimeOffset ChangedAt) : IOrganizationEvent;
