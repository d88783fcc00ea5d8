namespace Platform.AppHost.Infrastructure;

internal static class UnixUser
{
    /// <summary>
    /// The words that run a command as <paramref name="account"/> when the AppHost runs as root (servers such as
    /// PostgreSQL refuse root), or nothing when it runs as a normal user.
    /// </summary>
    public static string RunAs(string account) => Environment.IsPrivilegedProcess
        ? $"setpriv --reuid={account} --regid={account} --init-groups"
        : "";
}
