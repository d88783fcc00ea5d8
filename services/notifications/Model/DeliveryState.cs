namespace Platform.Notifications.Model;

public enum DeliveryState
{
    Queued,
    Sent,
    /// <summary>A send failed; another attempt is scheduled.</summary>
    Retrying,
    /// <summary>Every attempt failed; visible to administrators and re-sendable, never dropped.</summary>
    Dead,
    /// <summary>Over the recipient's limit for this template (<see cref="RecipientLimit"/>): recorded, never sent.</summary>
    Throttled,
}
