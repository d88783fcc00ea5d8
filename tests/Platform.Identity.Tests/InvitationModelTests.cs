using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class InvitationModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_invited_account_is_pending_without_password_and_cannot_log_in()
    {
        var user = User.Invited("ada@example.com", Now);

        Assert.Equal(UserState.Pending, user.State);
        Assert.True(user.AwaitsFirstPassword);
        Assert.False(user.CanLogIn);
        Assert.Null(user.EmailVerifiedAt);
        Assert.Equal("", user.FirstName);
    }

    [Fact]
    public void An_imported_placeholder_keeps_the_names_the_import_knew()
    {
        var user = User.Invited("ada@example.com", Now, " Ada ", "Lovelace");

        Assert.Equal(("Ada", "Lovelace"), (user.FirstName, user.LastName));
        Assert.True(user.AwaitsFirstPassword);
    }

    [Fact]
    public void Setting_the_first_password_from_an_invitation_verifies_and_activates_in_one_move()
    {
        var user = User.Invited("ada@example.com", Now);

        var change = user.ActivateFromInvitation("hash", Now);

        Assert.Equal(new StateChange(UserState.Pending, UserState.Active), change);
        Assert.Equal("hash", user.PasswordHash);
        Assert.Equal(Now, user.EmailVerifiedAt);
        Assert.True(user.CanLogIn);
        Assert.False(user.AwaitsFirstPassword);
    }

    [Theory]
    [InlineData(UserState.Pending)] // registered with a password, not verified
    [InlineData(UserState.Active)]
    [InlineData(UserState.Inactive)]
    [InlineData(UserState.Suspended)]
    [InlineData(UserState.Archived)]
    public void An_account_with_a_password_or_out_of_use_is_not_set_up_from_an_invitation(UserState state)
    {
        var user = UserStateMachineTests.UserIn(state);
        var hash = user.PasswordHash;

        var change = user.ActivateFromInvitation("new hash", Now);

        Assert.False(change.Succeeded);
        Assert.Equal(state, user.State);
        Assert.Equal(hash, user.PasswordHash);
    }

    [Fact]
    public void A_resend_replaces_the_secret_but_an_older_copy_arriving_late_does_not()
    {
        var link = InvitationLink.Issue(Guid.NewGuid(), Guid.NewGuid(), User.Invited("ada@example.com", Now), "first", Now, Now.AddDays(7));

        Assert.True(link.Reissue("second", Now.AddMinutes(5), Now.AddDays(8)));
        Assert.False(link.Reissue("late copy of the first", Now, Now.AddDays(7)));

        Assert.Equal(AccountToken.Hash("second"), link.TokenHash);
        Assert.Equal(Now.AddDays(8), link.ExpiresAt);
    }

    [Fact]
    public void A_link_is_used_once_and_not_after_it_expires()
    {
        var link = InvitationLink.Issue(Guid.NewGuid(), Guid.NewGuid(), User.Invited("ada@example.com", Now), "secret", Now, Now.AddDays(7));

        Assert.False(link.IsUsable(Now.AddDays(7)));
        Assert.True(link.TryUse(Now.AddDays(1)));
        Assert.False(link.TryUse(Now.AddDays(1)));
    }
}
