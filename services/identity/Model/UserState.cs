namespace Platform.Identity.Model;

/// <summary>The seven states of an account. Allowed moves are the methods on <see cref="User"/>.</summary>
public enum UserState
{
    /// <summary>Registered or invited; the email is not yet verified.</summary>
    Pending,
    Active,
    /// <summary>A placeholder without credentials, kept for records; can be invited later.</summary>
    Inactive,
    /// <summary>Cannot log in; reactivation restores everything.</summary>
    Suspended,
    /// <summary>Too many failed logins; expires, or an administrator unlocks it.</summary>
    Locked,
    /// <summary>Out of use and out of default lists; restorable.</summary>
    Archived,
    /// <summary>Personal data anonymized; only the id remains.</summary>
    Deleted,
}
