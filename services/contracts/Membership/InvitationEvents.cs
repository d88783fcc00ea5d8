namespace Platform.Contracts.Membership;

/// <summary>
/// Someone was invited to an organization, or an invitation was resent (same InvitationId, new Token
/// and ExpiresAt; only the latest token works). Rank is lowercase (admin, manager, member, viewer).
/// Token is the raw single-use secret for the link
/// <c>{public base}/api/membership/invitations/accept?token={Token}</c>; membership keeps only its
/// SHA-256 hash. AccountKnown says whether membership knows a verified account with this email (one
/// that can log in and accept); otherwise the person sets a password first.
/// Identity creates a pending account for an email it does not know and remembers the token's hash,
/// so <c>{public base}/api/identity/invitation?token={Token}</c> lets that person set a password;
/// notifications sends the email (set a password and accept, or just accept) unless SendEmail is
/// false: a placeholder from an import, whose account is created but who is not told yet.
/// FirstName, LastName and Language are set when the inviter or an import gave them: the pending account
/// gets them, and the email greets the person by name in that language (en, de).
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
    DateTimeOffset CreatedAt,
    bool SendEmail = true,
    string? FirstName = null,
    string? LastName = null,
    string? Language = null);

/// <summary>An invitation was accepted by the account holding its email; MembershipGranted follows unless they were already a member.</summary>
public sealed record InvitationAccepted(Guid OrganizationId, Guid InvitationId, Guid UserId, string Email, string Rank, bool AlreadyMember, DateTimeOffset AcceptedAt);
