namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Stages an integration event in the service's DbContext; it is written by the caller's next
/// SaveChanges, in the same transaction as the state change, and published afterwards.
/// </summary>
public interface IEventOutbox
{
    void Add<TEvent>(TEvent message) where TEvent : class;
}
