using System.Net.Mail;

namespace Platform.Membership.Model.Invitations;

/// <summary>Email addresses as invitations hold them: trimmed, lowercase, a plain address without a display name.</summary>
public static class InvitationAddress
{
    public static bool TryNormalize(string? raw, out string email)
    {
        email = (raw ?? "").Trim().ToLowerInvariant();
        return email.Length is > 0 and <= Invitation.MaxEmailLength
            && MailAddress.TryCreate(email, out var parsed)
            && parsed.Address == email
            && email.IndexOf('@') is > 0 and var at
            && email[(at + 1)..].Contains('.')
            && !email.Any(char.IsControl);
    }
}
