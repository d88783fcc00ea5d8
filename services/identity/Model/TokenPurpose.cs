namespace Platform.Identity.Model;

public enum TokenPurpose
{
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}
