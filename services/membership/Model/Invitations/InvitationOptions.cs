namespace Platform.Membership.Model.Invitations;

/// <summary>Settings under <c>Invitations</c>.</summary>
public sealed class InvitationOptions
{
    public const int MaxEmailsPerRequest = 500;

    /// <summary>How long an invitation link works (7 days unless configured).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);
}
