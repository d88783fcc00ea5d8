using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Free ports for servers when ports are dynamic. They are taken below the kernel's ephemeral range: a port the
/// kernel hands out (port 0) may be given again, as the local end of an outgoing connection, before the server
/// binds it, and the server then fails to start. Below the range only another listener can take it.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        var (ephemeralLow, _) = EphemeralRange();
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Math.Max(Lowest + 1, ephemeralLow));
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        return KernelChosen();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelChosen()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Low, int High) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32_768, 60_999); // Linux's default; other systems start theirs at 49152 or higher
        }
    }
}
