using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

public static class ClientAddresses
{
    /// <summary>
    /// The client as the gateway saw it: the gateway sets X-Forwarded-For (replacing what a client sent),
    /// and services are reachable only through it. For the record (audit, decisions), never for a decision.
    /// </summary>
    public static string? ClientAddress(this HttpContext? context)
    {
        if (context is null) return null;
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var address = forwarded.Length > 0 ? forwarded.Split(',')[0].Trim() : context.Connection.RemoteIpAddress?.ToString();
        return address is { Length: > 64 } ? address[..64] : address;
    }
}
