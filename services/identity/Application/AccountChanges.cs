using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Application;

/// <summary>What every state change (and rename) of an account does besides the change itself: audit, event, sessions.</summary>
public sealed class AccountChanges(IEventOutbox outbox, AuditTrail audit, TimeProvider time)
{
    /// <summary>Records a successful move; the caller saves, then ends sessions when <see cref="StateChange.EndsSessions"/>.</summary>
    public void Record(User user, StateChange change, string reason, Guid? actorId)
    {
        if (!change.Succeeded || change.From == change.To) return;
        audit.Record(AuditActions.StateChanged, actorId, user.Id, $"{User.Name(change.From)} -> {User.Name(change.To)}: {reason}");
        outbox.Add(new UserStateChanged(user.Id, User.Name(change.From), User.Name(change.To), reason, actorId, time.GetUtcNow()));
    }

    /// <summary>Renames and tells every copy of the name (membership, approvals, notifications); the caller's save commits both.</summary>
    public bool Rename(User user, string firstName, string lastName) => ChangeProfile(user, firstName, lastName, user.Language);

    /// <summary>
    /// A new name and language, told to every copy with one UserProfileChanged (notifications writes in
    /// the language from then on). Going back to the default is told as "en", since an empty locale in
    /// the event means "unchanged".
    /// </summary>
    public bool ChangeProfile(User user, string firstName, string lastName, string? language)
    {
        var renamed = user.Rename(firstName, lastName);
        var relanguaged = user.ChooseLanguage(language);
        if (!renamed && !relanguaged) return false;
        outbox.Add(new UserProfileChanged(user.Id, user.FirstName, user.LastName, time.GetUtcNow(), user.Language ?? (relanguaged ? Languages.Default : null)));
        return true;
    }
}
