namespace Platform.Membership.Model.Imports;

/// <summary>What the dry run says about one row, and so what committing will do with it.</summary>
public static class ImportVerdicts
{
    /// <summary>A new person: committing creates a placeholder or sends an invitation.</summary>
    public const string New = "new";
    /// <summary>Already a member, and the row changes their rank, units or custom fields.</summary>
    public const string Update = "update";
    /// <summary>Already a member exactly as the row says: skipped (a re-run of the same file lands here).</summary>
    public const string AlreadyMember = "already-member";
    /// <summary>A pending invitation or placeholder exists for the address: skipped.</summary>
    public const string AlreadyInvited = "already-invited";

    public const string InvalidEmail = "invalid-email";
    public const string Duplicate = "duplicate";
    public const string DomainNotAllowed = "domain-not-allowed";
    public const string UnknownUnit = "unknown-unit";
    public const string UnknownRank = "unknown-rank";
    public const string UnknownLanguage = "unknown-language";
    public const string RankNotAllowed = "rank-not-allowed";
    public const string NotAllowed = "not-allowed";
    public const string InvalidField = "invalid-field";
    public const string OverLimit = "over-limit";

    public static bool WillChange(string verdict) => verdict is New or Update;
    public static bool IsSkip(string verdict) => verdict is AlreadyMember or AlreadyInvited;
    public static bool IsError(string verdict) => !WillChange(verdict) && !IsSkip(verdict);

    public static readonly IReadOnlyList<string> All =
        [New, Update, AlreadyMember, AlreadyInvited, InvalidEmail, Duplicate, DomainNotAllowed, UnknownUnit, UnknownRank, UnknownLanguage, RankNotAllowed, NotAllowed, InvalidField, OverLimit];
}
