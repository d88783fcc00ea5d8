using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Model;

/// <summary>An account: who someone is, how they prove it, and the state machine of what they may do.</summary>
public sealed class User
{
    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    /// <summary>The language the person chose (<see cref="Languages"/>); null: the default.</summary>
    public string? Language { get; private set; }
    public string? PasswordHash { get; private set; }
    public UserState State { get; private set; }
    /// <summary>The state to restore on <see cref="Restore"/>.</summary>
    public UserState? StateBeforeArchive { get; private set; }
    public bool IsPlatformAdmin { get; private set; }
    /// <summary>
    /// The organization that created the account (its admins, an import or an invitation), or null when
    /// the person signed up. It manages the account only while the person belongs to no other organization.
    /// </summary>
    public Guid? ManagedByOrganizationId { get; private set; }
    public bool MustChangePassword { get; private set; }
    public DateTimeOffset? EmailVerifiedAt { get; private set; }
    public DateTimeOffset? PasswordChangedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastLoginAt { get; private set; }
    public DateTimeOffset? LastActivityAt { get; private set; }
    public int FailedLoginCount { get; private set; }
    public DateTimeOffset? LastFailedLoginAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public int TemporaryLockouts { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    /// <summary>The confirmed TOTP secret (base32, encrypted at rest by the application); null without two-factor.</summary>
    public string? TwoFactorSecret { get; private set; }
    /// <summary>A secret handed out at enrolment, waiting for its first valid code.</summary>
    public string? PendingTwoFactorSecret { get; private set; }
    public DateTimeOffset? TwoFactorEnabledAt { get; private set; }
    /// <summary>The last TOTP time step accepted: a code is never accepted twice.</summary>
    public long? LastTotpStep { get; private set; }

    public bool TwoFactorEnabled => TwoFactorEnabledAt is not null;

    private User() { }

    /// <summary>A self-service sign-up: inputs already normalized and validated by <see cref="Registration"/>.</summary>
    public static User Register(Registration registration, string passwordHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = registration.Email,
        FirstName = registration.FirstName,
        LastName = registration.LastName,
        Language = registration.Language,
        PasswordHash = passwordHash,
        State = UserState.Pending,
        CreatedAt = now,
        PasswordChangedAt = now,
    };

    /// <summary>
    /// Created by an administrator: with an initial password the account is active but must change it
    /// at first login; without one it is pending until its owner sets a password from the emailed link.
    /// </summary>
    public static User CreateByAdministrator(string email, string firstName, string lastName, string? initialPasswordHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email,
        FirstName = firstName,
        LastName = lastName,
        PasswordHash = initialPasswordHash,
        State = initialPasswordHash is null ? UserState.Pending : UserState.Active,
        EmailVerifiedAt = initialPasswordHash is null ? null : now,
        MustChangePassword = initialPasswordHash is not null,
        PasswordChangedAt = initialPasswordHash is null ? null : now,
        CreatedAt = now,
    };

    /// <summary>Created by an organization's owner or admins: as by a platform administrator, and managed by that organization.</summary>
    public static User CreateByOrganization(
        Guid organizationId, string email, string firstName, string lastName, string? temporaryPasswordHash, DateTimeOffset now)
    {
        var user = CreateByAdministrator(email, firstName, lastName, temporaryPasswordHash, now);
        user.ManagedByOrganizationId = organizationId;
        return user;
    }

    /// <summary>Whether <paramref name="organizationId"/> created this account (who else it belongs to is the caller's question).</summary>
    public bool CreatedBy(Guid organizationId) => ManagedByOrganizationId == organizationId;

    /// <summary>A record of a person who does not log in (yet): no credentials.</summary>
    public static User CreatePlaceholder(string email, string firstName, string lastName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email,
        FirstName = firstName,
        LastName = lastName,
        State = UserState.Inactive,
        CreatedAt = now,
    };

    /// <summary>
    /// A pending account for an invited address, without a password until they set one from the invitation
    /// link (<see cref="ActivateFromInvitation"/>); the names and language are those the invitation gave, if
    /// any. The inviting organization created it, so it manages it (<see cref="ManagedByOrganizationId"/>).
    /// </summary>
    public static User Invited(
        string email, DateTimeOffset now, string? firstName = null, string? lastName = null, string? language = null, Guid? organizationId = null) => new()
    {
        ManagedByOrganizationId = organizationId,
        Id = Guid.CreateVersion7(now),
        Email = email,
        FirstName = firstName?.Trim() ?? "",
        LastName = lastName?.Trim() ?? "",
        Language = Languages.TryNormalize(language, out var chosen) ? chosen : null,
        State = UserState.Pending,
        CreatedAt = now,
    };

    public void GrantPlatformAdmin() => IsPlatformAdmin = true;

    /// <summary>
    /// Another platform administrator makes this account one. Only an account that can be used (or
    /// is about to be: pending) takes the role; granting it twice changes nothing.
    /// </summary>
    public RoleChange MakePlatformAdmin()
    {
        if (IsPlatformAdmin) return RoleChange.Unchanged;
        if (!IsUsable(State))
        {
            return RoleChange.Refused($"A {Name(State)} account cannot be made a platform administrator.");
        }

        IsPlatformAdmin = true;
        return RoleChange.Changed;
    }

    /// <summary>
    /// Takes the role back, never from the last one: <paramref name="otherUsableAdministrators"/> counts
    /// the other platform administrators whose accounts can still be used.
    /// </summary>
    public RoleChange RevokePlatformAdmin(int otherUsableAdministrators)
    {
        if (!IsPlatformAdmin) return RoleChange.Unchanged;
        if (otherUsableAdministrators < 1)
        {
            return RoleChange.Refused("The last platform administrator keeps the role; make another account platform administrator first.");
        }

        IsPlatformAdmin = false;
        return RoleChange.Changed;
    }

    /// <summary>Whether a platform administrator with this account can act: the states that can log in, or soon will.</summary>
    public static bool IsUsable(UserState state) => state is UserState.Active or UserState.Locked or UserState.Pending;

    /// <summary>Pending without a password: only a link (invitation or set-password) can bring it into use.</summary>
    public bool AwaitsFirstPassword => State == UserState.Pending && PasswordHash is null;

    public bool CanLogIn => State == UserState.Active;

    // ---- The state machine: each move states where it may start. ----

    public StateChange VerifyEmail(DateTimeOffset now)
    {
        if (State != UserState.Pending) return StateChange.Refused(State, "Only a pending account verifies its email.");
        EmailVerifiedAt = now;
        return MoveTo(PasswordHash is null ? UserState.Pending : UserState.Active);
    }

    /// <summary>
    /// The owner chose a password from an invitation link, which also proves the address: verified
    /// and active in one move. Only for an account that has no password yet.
    /// </summary>
    public StateChange ActivateFromInvitation(string passwordHash, DateTimeOffset now)
    {
        if (!AwaitsFirstPassword) return StateChange.Refused(State, "Only a pending account without a password is set up from an invitation.");
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        EmailVerifiedAt = now;
        return MoveTo(UserState.Active);
    }

    public StateChange Invite()
    {
        if (State != UserState.Inactive) return StateChange.Refused(State, "Only an inactive placeholder can be invited.");
        return MoveTo(UserState.Pending);
    }

    public StateChange Suspend() => State is UserState.Pending or UserState.Active or UserState.Locked
        ? MoveTo(UserState.Suspended)
        : StateChange.Refused(State, $"{Articles.CapitalA(Name(State))} account cannot be suspended.");

    /// <summary>Restores everything: an account that never verified its email goes back to pending.</summary>
    public StateChange Reactivate() => State == UserState.Suspended
        ? MoveTo(EmailVerifiedAt is null ? UserState.Pending : UserState.Active)
        : StateChange.Refused(State, "Only a suspended account can be reactivated.");

    public StateChange Unlock()
    {
        if (State != UserState.Locked) return StateChange.Refused(State, "The account is not locked.");
        LockedUntil = null;
        FailedLoginCount = 0;
        return MoveTo(UserState.Active);
    }

    public StateChange Archive()
    {
        if (State is UserState.Archived or UserState.Deleted) return StateChange.Refused(State, $"{Articles.CapitalA(Name(State))} account cannot be archived.");
        StateBeforeArchive = State == UserState.Locked ? UserState.Active : State;
        LockedUntil = null;
        return MoveTo(UserState.Archived);
    }

    public StateChange Restore()
    {
        if (State != UserState.Archived) return StateChange.Refused(State, "Only an archived account can be restored.");
        var target = StateBeforeArchive ?? UserState.Active;
        StateBeforeArchive = null;
        return MoveTo(target);
    }

    /// <summary>Only from archived: personal data is replaced, the id stays so history remains intact, the email is freed.</summary>
    public StateChange Delete(DateTimeOffset now)
    {
        if (State != UserState.Archived) return StateChange.Refused(State, "Only an archived account can be deleted; archive it first.");
        Email = $"deleted-{Id:N}@deleted.invalid";
        FirstName = "";
        LastName = "";
        Language = null;
        PasswordHash = null;
        DisableTwoFactor();
        IsPlatformAdmin = false;
        MustChangePassword = false;
        EmailVerifiedAt = null;
        LastFailedLoginAt = null;
        StateBeforeArchive = null;
        DeletedAt = now;
        return MoveTo(UserState.Deleted);
    }

    // ---- Logging in ----

    /// <summary>A temporary lockout whose time is up ends at the next attempt.</summary>
    public StateChange? UnlockIfExpired(DateTimeOffset now) =>
        State == UserState.Locked && LockedUntil is { } until && now >= until ? MoveTo(UserState.Active) : null;

    /// <summary>Counts a failed login; returns the lockout it causes, if any.</summary>
    public StateChange? RecordFailedLogin(DateTimeOffset now, LockoutPolicy policy)
    {
        if (LastFailedLoginAt is { } last && now - last > policy.FailureResetTime) FailedLoginCount = 0;
        FailedLoginCount++;
        LastFailedLoginAt = now;
        if (State != UserState.Active || FailedLoginCount < policy.MaxFailures) return null;

        TemporaryLockouts++;
        if (policy.PermanentLockoutAfter > 0 && TemporaryLockouts > policy.PermanentLockoutAfter)
        {
            LockedUntil = null;
        }
        else
        {
            var wait = policy.WaitIncrement * (FailedLoginCount / policy.MaxFailures);
            LockedUntil = now + (wait < policy.MaxWait ? wait : policy.MaxWait);
        }

        return MoveTo(UserState.Locked);
    }

    public void RecordSuccessfulLogin(DateTimeOffset now)
    {
        FailedLoginCount = 0;
        LastFailedLoginAt = null;
        LastLoginAt = now;
        LastActivityAt = now;
    }

    public void RecordActivity(DateTimeOffset now) => LastActivityAt = now;

    /// <summary>Whether the optional maximum password age has passed (NIST advises against it; off by default).</summary>
    public bool PasswordExpired(DateTimeOffset now, TimeSpan? maxAge) =>
        maxAge is { } age && PasswordChangedAt is { } changed && now - changed > age;

    // ---- Credentials and profile ----

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        MustChangePassword = false;
    }

    /// <summary>An administrator's temporary password: usable once, to choose a new one.</summary>
    public void SetTemporaryPassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
        MustChangePassword = true;
    }

    /// <summary>Rehash on login when the configured parameters changed; the password itself is unchanged.</summary>
    public void UpgradePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    /// <summary>False when the name is the same: nothing to record or tell.</summary>
    public bool Rename(string firstName, string lastName)
    {
        if (firstName == FirstName && lastName == LastName) return false;
        FirstName = firstName;
        LastName = lastName;
        return true;
    }

    /// <summary>False when it is the same language: nothing to record or tell. Null goes back to the default.</summary>
    public bool ChooseLanguage(string? language)
    {
        if (language == Language) return false;
        Language = language;
        return true;
    }

    /// <summary>The new address was proven by its owner (or set by an administrator).</summary>
    public void ChangeEmail(string email, DateTimeOffset now)
    {
        Email = email;
        EmailVerifiedAt = now;
    }

    /// <summary>
    /// Why an administrator may not act as this user, or null. Platform administrators are the highest
    /// rank, so no platform administrator is ever impersonated (equal or higher rank).
    /// </summary>
    public string? RefusalToImpersonate(Guid administratorId)
    {
        if (Id == administratorId) return "Administrators do not impersonate themselves.";
        if (IsPlatformAdmin) return "Platform administrators cannot be impersonated.";
        if (!CanLogIn) return $"{Articles.CapitalA(Name(State))} account cannot be impersonated.";
        return null;
    }

    // ---- Two-factor ----

    public bool StartTwoFactorEnrolment(string secret)
    {
        if (TwoFactorEnabled) return false;
        PendingTwoFactorSecret = secret;
        return true;
    }

    /// <summary>The first valid code for the pending secret turns two-factor on; that code's step is used up.</summary>
    public bool ConfirmTwoFactor(long step, DateTimeOffset now)
    {
        if (TwoFactorEnabled || PendingTwoFactorSecret is null) return false;
        TwoFactorSecret = PendingTwoFactorSecret;
        PendingTwoFactorSecret = null;
        TwoFactorEnabledAt = now;
        LastTotpStep = step;
        return true;
    }

    /// <summary>The same secret in another form (encrypted now where it was stored plain before).</summary>
    public void ReplaceStoredTwoFactorSecret(string stored)
    {
        if (TwoFactorSecret is not null) TwoFactorSecret = stored;
    }

    public void DisableTwoFactor()
    {
        TwoFactorSecret = null;
        PendingTwoFactorSecret = null;
        TwoFactorEnabledAt = null;
        LastTotpStep = null;
    }

    public static string Name(UserState state) => state.ToString().ToLowerInvariant();

    private StateChange MoveTo(UserState target)
    {
        var change = new StateChange(State, target);
        State = target;
        return change;
    }
}
