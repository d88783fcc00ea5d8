using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults.Sessions;

/// <summary>
/// Where sessions live in Redis. Keys use a SHA-256 handle of the cookie's session id, so a copy
/// of Redis (or a log line naming a key) gives nobody a usable cookie.
/// </summary>
public static class SessionKeys
{
    public static string Handle(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    public static string Session(string handle) => $"session:{handle}";

    public static string UserSessions(Guid userId) => $"user-sessions:{userId:N}";
}
