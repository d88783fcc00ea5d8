using System.Text;

namespace Platform.Identity.Model;

/// <summary>
/// NIST SP 800-63B-4 length rules: no composition rules, no truncation. The upper bound caps the
/// cost of hashing an attacker-chosen input; it is far above the 64 characters NIST asks us to accept.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 15;
    public const int MaxLength = 256;

    /// <summary>Null when acceptable, else what is wrong. Length counts Unicode characters after NFKC.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password)) return "A password is required.";
        var length = Normalize(password).EnumerateRunes().Count();
        if (length < MinLength) return $"The password must have at least {MinLength} characters.";
        if (length > MaxLength) return $"The password must have at most {MaxLength} characters.";
        return null;
    }

    public static string Normalize(string password) => password.Normalize(NormalizationForm.FormKC);
}
