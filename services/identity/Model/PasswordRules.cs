using System.Text;

namespace Platform.Identity.Model;

/// <summary>
/// NIST SP 800-63B-4 rules: a minimum length (15 without a second factor; never below 8), no
/// composition rules, no truncation, a blocklist and context words. The maximum caps the cost of
/// hashing an attacker-chosen input; it is well above the 64 characters NIST asks us to accept.
/// Length counts Unicode characters after NFKC normalization.
/// </summary>
public sealed class PasswordRules(PasswordBlocklist blocklist, int minLength = PasswordRules.DefaultMinLength, string productName = "Platform")
{
    public const int DefaultMinLength = 15;
    public const int AbsoluteMinLength = 8;
    public const int MaxLength = 256;

    public int MinLength { get; } = Math.Max(AbsoluteMinLength, minLength);

    /// <summary>Null when acceptable, else what is wrong, in words a user can act on.</summary>
    public string? Check(string? password, PasswordContext context)
    {
        if (string.IsNullOrEmpty(password)) return "A password is required.";
        var normalized = Normalize(password);
        var length = normalized.EnumerateRunes().Count();
        var minLength = context.SecondFactor ? AbsoluteMinLength : MinLength;
        if (length < minLength) return $"The password must have at least {minLength} characters.";
        if (length > MaxLength) return $"The password must have at most {MaxLength} characters.";
        if (blocklist.Contains(normalized)) return "This password is too common; choose another.";
        if (LeansOnContext(normalized.ToLowerInvariant(), context)) return "The password must not be built from your name, your email address or the product name.";
        return null;
    }

    public static string Normalize(string password) => password.Normalize(NormalizationForm.FormKC);

    // A password whose length comes mostly from words an attacker knows about this account.
    private bool LeansOnContext(string password, PasswordContext context)
    {
        var remainder = password;
        foreach (var word in ContextWords(context))
        {
            remainder = remainder.Replace(word, "", StringComparison.Ordinal);
        }

        return remainder.Length < AbsoluteMinLength;
    }

    private IEnumerable<string> ContextWords(PasswordContext context)
    {
        var localPart = context.Email?.Split('@')[0];
        string?[] words = [localPart, context.FirstName, context.LastName, productName];
        foreach (var word in words)
        {
            if (word is null) continue;
            var lower = word.Trim().ToLowerInvariant();
            if (lower.Length >= 3) yield return lower;
            foreach (var part in lower.Split(['.', '_', '-', '+', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Length >= 3 && part != lower) yield return part;
            }
        }
    }
}

/// <summary>What an attacker would try first for this account; with a second factor NIST allows 8 characters.</summary>
public sealed record PasswordContext(string? Email, string? FirstName, string? LastName, bool SecondFactor = false);
