using Platform.ServiceDefaults.Email;

namespace Platform.Membership.Model.Invitations;

/// <summary>Email addresses as invitations hold them: the platform's canonical form (ServiceDefaults' <see cref="EmailAddress"/>).</summary>
public static class InvitationAddress
{
    public static bool TryNormalize(string? raw, out string email) => EmailAddress.TryNormalize(raw, out email);
}
