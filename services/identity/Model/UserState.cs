namespace Platform.Identity.Model;

public enum UserState
{
    /// <summary>Registered, email not yet verified.</summary>
    Pending,
    Active,
}
