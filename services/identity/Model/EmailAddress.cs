using System.Net.Mail;

namespace Platform.Identity.Model;

/// <summary>An email address as the platform stores and compares it: trimmed and lowercased.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = (input ?? "").Trim().ToLowerInvariant();
        return normalized.Length is > 0 and <= MaxLength
            && MailAddress.TryCreate(normalized, out var parsed)
            && parsed.Address == normalized
            && parsed.Host.Contains('.')
            && !normalized.Any(char.IsControl);
    }
}
