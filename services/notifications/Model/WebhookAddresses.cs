using System.Net;
using System.Net.Sockets;

namespace Platform.Notifications.Model;

/// <summary>
/// Where webhooks may go. A webhook URL is typed by a tenant, and the service POSTs to it from inside
/// the platform's network: without these rules it would reach the platform's own services, the
/// cloud's metadata endpoint (169.254.169.254) and the tenant's neighbours. Only public unicast
/// addresses pass, unless <c>Webhooks:AllowPrivateAddresses</c> (development, tests).
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Why <paramref name="address"/> is refused (<c>"loopback"</c>), or null when it is public.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalV6(address),
            _ => "not an IP address",
        };
    }

    private static string? RefusalV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [127, ..] => "loopback",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private",
        [169, 254, ..] => "link-local",
        [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT)",
        [192, 0, 0, _] => "reserved (IETF protocol assignments)",
        [198, 18 or 19, ..] => "reserved (benchmarking)",
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] => "reserved",
        _ => null,
    };

    private static string? RefusalV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback";
        if (address.Equals(IPAddress.IPv6None)) return "unspecified";
        if (address.IsIPv6LinkLocal) return "link-local";
        if (address.IsIPv6SiteLocal) return "site-local";
        if (address.IsIPv6Multicast) return "multicast";
        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return "unique-local";
        if (b[..12].All(x => x == 0)) return "reserved (IPv4-compatible)";
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes: judge that one.
        if (b is [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return RefusalV4(b[12..]);
        }

        return null;
    }
}
