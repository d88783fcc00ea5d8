namespace Platform.Contracts.Membership;

/// <summary>
/// Someone was invited to an organization, or an invitation was resent (same InvitationId, new Token
/// and ExpiresAt; only the latest token works). Rank is lowercase (admin, manager, member, viewer).
/// Token is the raw single-use secret for the link
/// <c>{public base}/api/membership/invitations/accept?token={Token}</c>; membership keeps only its
/// SHA-256 hash. AccountKnown says whether membership's directory knows an account with this email.
/// Consumers still to come (a later session): identity creates a pending account for unknown
/// emails, and notifications sends the email (set a password and accept, or just accept).
/// Deliberately not an organization (webhook) event: the token must not leave the platform.
/// </summary>
public sealed record InvitationCreated(
    Guid OrganizationId,
    Guid InvitationId,
    string Email,
    string Rank,
    string OrganizationName,
    string InviterName,
    string Token,
    DateTimeOffset ExpiresAt,
    bool AccountKnown,
    DateTimeOffset CreatedAt);

/// <summary>An invitation was accepted by the account holding its email; MembershipGranted follows unless they were already a member.</summary>
public sealed record InvitationAccepted(Guid OrganizationId, Guid InvitationId, Guid UserId, string Email, string Rank, bool AlreadyMember, DateTimeOffset AcceptedAt);
