using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>The account state machine as a table: every move from every state, allowed or refused.</summary>
public sealed class UserStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, UserState, UserState?> Moves => new()
    {
        // move, from, to (null: refused)
        { "verify", UserState.Pending, UserState.Active },
        { "verify", UserState.Active, null },
        { "verify", UserState.Suspended, null },
        { "invite", UserState.Inactive, UserState.Pending },
        { "invite", UserState.Active, null },
        { "suspend", UserState.Pending, UserState.Suspended },
        { "suspend", UserState.Active, UserState.Suspended },
        { "suspend", UserState.Locked, UserState.Suspended },
        { "suspend", UserState.Inactive, null },
        { "suspend", UserState.Archived, null },
        { "suspend", UserState.Deleted, null },
        { "reactivate", UserState.Suspended, UserState.Active },
        { "reactivate", UserState.Active, null },
        { "unlock", UserState.Locked, UserState.Active },
        { "unlock", UserState.Active, null },
        { "archive", UserState.Pending, UserState.Archived },
        { "archive", UserState.Active, UserState.Archived },
        { "archive", UserState.Inactive, UserState.Archived },
        { "archive", UserState.Suspended, UserState.Archived },
        { "archive", UserState.Locked, UserState.Archived },
        { "archive", UserState.Archived, null },
        { "archive", UserState.Deleted, null },
        { "restore", UserState.Archived, UserState.Active },
        { "restore", UserState.Active, null },
        { "delete", UserState.Archived, UserState.Deleted },
        { "delete", UserState.Active, null },
        { "delete", UserState.Suspended, null },
        { "delete", UserState.Deleted, null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_move_is_allowed_only_from_its_states(string move, UserState from, UserState? to)
    {
        var user = UserIn(from);

        var change = Apply(user, move);

        if (to is null)
        {
            Assert.False(change.Succeeded);
            Assert.NotNull(change.Refusal);
            Assert.Equal(from, user.State);
        }
        else
        {
            Assert.True(change.Succeeded);
            Assert.Equal(to, user.State);
        }
    }

    [Theory]
    [InlineData(UserState.Suspended, true)]
    [InlineData(UserState.Locked, false)]
    [InlineData(UserState.Archived, true)]
    [InlineData(UserState.Deleted, true)]
    [InlineData(UserState.Active, false)]
    public void Moves_that_take_an_account_out_of_use_end_its_sessions_but_a_lockout_does_not(UserState to, bool ends) =>
        Assert.Equal(ends, new StateChange(UserState.Active, to).EndsSessions);

    [Fact]
    public void Restore_returns_an_account_to_the_state_it_was_archived_from()
    {
        var user = UserIn(UserState.Suspended);
        user.Archive();
        user.Restore();
        Assert.Equal(UserState.Suspended, user.State);
    }

    [Fact]
    public void Reactivating_an_account_that_never_verified_its_email_makes_it_pending_again()
    {
        var user = UserIn(UserState.Pending);
        user.Suspend();
        user.Reactivate();
        Assert.Equal(UserState.Pending, user.State);
    }

    [Fact]
    public void Deletion_anonymizes_everything_personal_but_keeps_the_id()
    {
        var user = UserIn(UserState.Archived);
        var id = user.Id;

        user.Delete(Now);

        Assert.Equal(id, user.Id);
        Assert.DoesNotContain("ada", user.Email, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("@deleted.invalid", user.Email);
        Assert.Equal("", user.FirstName);
        Assert.Equal("", user.LastName);
        Assert.Null(user.PasswordHash);
        Assert.False(user.CanLogIn);
    }

    [Fact]
    public void A_maximum_password_age_applies_only_when_configured()
    {
        var user = UserIn(UserState.Active);
        Assert.False(user.PasswordExpired(Now.AddYears(5), maxAge: null));
        Assert.False(user.PasswordExpired(Now.AddDays(89), TimeSpan.FromDays(90)));
        Assert.True(user.PasswordExpired(Now.AddDays(91), TimeSpan.FromDays(90)));
    }

    internal static User UserIn(UserState state)
    {
        var user = User.Register(new Registration("ada@example.com", "irrelevant here", "Ada", "Lovelace"), "hash", Now);
        switch (state)
        {
            case UserState.Active: user.VerifyEmail(Now); break;
            case UserState.Inactive: user = User.CreatePlaceholder("ada@example.com", "Ada", "Lovelace", Now); break;
            case UserState.Suspended: user.VerifyEmail(Now); user.Suspend(); break;
            case UserState.Locked:
                user.VerifyEmail(Now);
                for (var i = 0; i < 5; i++) user.RecordFailedLogin(Now, new LockoutPolicy());
                break;
            case UserState.Archived: user.VerifyEmail(Now); user.Archive(); break;
            case UserState.Deleted: user.VerifyEmail(Now); user.Archive(); user.Delete(Now); break;
        }

        Assert.Equal(state, user.State);
        return user;
    }

    private static StateChange Apply(User user, string move) => move switch
    {
        "verify" => user.VerifyEmail(Now),
        "invite" => user.Invite(),
        "suspend" => user.Suspend(),
        "reactivate" => user.Reactivate(),
        "unlock" => user.Unlock(),
        "archive" => user.Archive(),
        "restore" => user.Restore(),
        "delete" => user.Delete(Now),
        _ => throw new ArgumentOutOfRangeException(nameof(move)),
    };
}
