using Platform.Identity.Model;

namespace Platform.Identity.Extensions;

/// <summary>Section <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>When false, accounts come only from invitations and administrators.</summary>
    public bool SelfSignUp { get; set; } = true;
    /// <summary>Never below 8; 15 is NIST's minimum for accounts without a second factor.</summary>
    public int MinPasswordLength { get; set; } = PasswordRules.DefaultMinLength;
    /// <summary>A context word no password may lean on.</summary>
    public string ProductName { get; set; } = "Platform";
    public TimeSpan VerificationLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan EmailChangeLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>A verification email is resent at most this often per account.</summary>
    public TimeSpan VerificationResendInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>PBKDF2-HMAC-SHA512 iterations, never below 210,000; raising it rehashes at each next login.</summary>
    public int PasswordHashIterations { get; set; } = PasswordHasher.DefaultIterations;
    public LockoutPolicy Lockout { get; set; } = new();
    /// <summary>Optional: a password older than this must be changed at the next login. Off (null) by default, as NIST advises.</summary>
    public TimeSpan? MaxPasswordAge { get; set; }
    /// <summary>Created as the first platform administrator on start when no administrator exists; gets a set-password link.</summary>
    public string? InitialAdminEmail { get; set; }
    /// <summary>How long an administrator's impersonation session lasts at most (absolute, not sliding).</summary>
    public TimeSpan ImpersonationLifetime { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long the invitation page waits for an invitation it does not know yet (its link may beat its event).</summary>
    public TimeSpan InvitationArrivalWait { get; set; } = TimeSpan.FromSeconds(10);
}
