using Platform.Membership.Model;
using Platform.Membership.Model.Invitations;

namespace Platform.Membership.Tests;

public sealed class InvitationModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static (Invitation Invitation, string Token) Issue() =>
        Invitation.Issue(Guid.NewGuid(), "ana@example.com", Rank.Member, null, [], Guid.NewGuid(), Now, Week);

    [Fact]
    public void A_new_invitation_is_pending_for_its_lifetime_and_keeps_only_the_hash_of_a_32_byte_token()
    {
        var (invitation, token) = Issue();

        Assert.Equal(InvitationState.Pending, invitation.StateAt(Now));
        Assert.Equal(Now + Week, invitation.ExpiresAt);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal(Invitation.HashOf(token), invitation.TokenHash);
        Assert.NotEqual(token, Convert.ToBase64String(invitation.TokenHash));
        Assert.NotEqual(token, Issue().Token);
    }

    [Fact]
    public void An_invitation_past_its_expiry_reads_as_expired_and_is_not_accepted()
    {
        var (invitation, _) = Issue();
        var later = Now + Week;

        Assert.Equal(InvitationState.Expired, invitation.StateAt(later));
        Assert.Contains("expired", invitation.Accept(Guid.NewGuid(), later));
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void Accepting_records_who_and_when_and_works_once()
    {
        var (invitation, _) = Issue();
        var userId = Guid.NewGuid();

        Assert.Null(invitation.Accept(userId, Now.AddHours(1)));
        Assert.Equal((InvitationState.Accepted, userId, Now.AddHours(1)), (invitation.StateAt(Now.AddHours(1)), invitation.AcceptedByUserId, invitation.AcceptedAt));
        Assert.Contains("already accepted", invitation.Accept(userId, Now.AddHours(2)));
        Assert.Equal(InvitationState.Accepted, invitation.StateAt(Now + Week + Week));
    }

    [Fact]
    public void A_revoked_invitation_is_neither_accepted_nor_resent_nor_revoked_again()
    {
        var (invitation, _) = Issue();

        Assert.Null(invitation.Revoke(Now));
        Assert.Equal(InvitationState.Revoked, invitation.StateAt(Now));
        Assert.Contains("revoked", invitation.Accept(Guid.NewGuid(), Now));
        Assert.NotNull(invitation.Resend(Now, Week).Refusal);
        Assert.NotNull(invitation.Revoke(Now));
    }

    [Fact]
    public void Resending_replaces_the_token_and_the_expiry_even_after_it_timed_out()
    {
        var (invitation, token) = Issue();
        var later = Now + Week + TimeSpan.FromDays(1);

        var (refusal, newToken) = invitation.Resend(later, Week);

        Assert.Null(refusal);
        Assert.NotEqual(token, newToken);
        Assert.Equal(Invitation.HashOf(newToken!), invitation.TokenHash);
        Assert.Equal(later + Week, invitation.ExpiresAt);
        Assert.Equal(InvitationState.Pending, invitation.StateAt(later));
    }

    [Fact]
    public void An_accepted_invitation_is_not_resent_or_revoked()
    {
        var (invitation, _) = Issue();
        invitation.Accept(Guid.NewGuid(), Now);

        Assert.NotNull(invitation.Resend(Now, Week).Refusal);
        Assert.NotNull(invitation.Revoke(Now));
        Assert.Equal(InvitationState.Accepted, invitation.StateAt(Now));
    }

    [Fact]
    public void Only_a_timed_out_invitation_is_superseded_and_then_it_cannot_be_resent()
    {
        var (open, _) = Issue();
        open.Supersede(Now);
        Assert.Equal(InvitationState.Pending, open.State);

        var (old, _) = Issue();
        old.Supersede(Now + Week);
        Assert.Equal(InvitationState.Expired, old.State);
        Assert.NotNull(old.Resend(Now + Week, Week).Refusal);
    }

    [Fact]
    public void Nobody_is_invited_as_owner() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Invitation.Issue(Guid.NewGuid(), "a@example.com", Rank.Owner, null, [], Guid.NewGuid(), Now, Week));

    [Fact]
    public void The_plan_reports_malformed_addresses_repeats_and_other_domains_in_request_order()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        organization.UpdateSettings(Rank.Manager, ["example.com"], [], openToJoinRequests: false);

        var plan = InvitationPlan.For([" Ana@Example.com ", "not-an-address", "ana@example.com", "bo@elsewhere.org", "Joe <joe@example.com>", null, "cy@example.com"], organization);

        Assert.Equal(
            [InvitationResults.Pending, InvitationResults.Invalid, InvitationResults.Duplicate, InvitationResults.DomainNotAllowed, InvitationResults.Invalid, InvitationResults.Invalid, InvitationResults.Pending],
            plan.Results.Select(r => r.Result));
        Assert.Equal("Ana@Example.com", plan.Results[0].Email);
        Assert.Equal([(0, "ana@example.com"), (6, "cy@example.com")], plan.Positions);
    }
}
