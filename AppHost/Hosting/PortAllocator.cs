using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.Hosting;

internal static class PortAllocator
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A free loopback port, never the same one twice in this process.</summary>
    public static int GetFreePort()
    {
        lock (Gate)
        {
            while (true)
            {
                using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public static bool IsAvailable(int port)
    {
        // Something listening (also on 0.0.0.0 or another loopback binding) answers a connect.
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                if (probe.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromMilliseconds(300)))
                {
                    return false;
                }
            }
            catch (AggregateException)
            {
                // Refused: nobody listens.
            }
        }

        // ReuseAddress: connections of a server we just stopped (TIME_WAIT) do not block a restart on the same port.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Fails with a message naming the port, its owner-to-be and the ways out.</summary>
    public static void EnsureAvailable(int port, string resourceName, string purpose, string pidFile, string? externalHint = null)
    {
        if (IsAvailable(port))
        {
            return;
        }

        var message = $"port {port} for {resourceName} ({purpose}) is already in use by another process; stop it, "
            + "or start the AppHost with --port-offset N or --dynamic-ports"
            + (externalHint is null ? "" : $", or {externalHint}")
            + ".";
        if (File.Exists(pidFile)
            && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            && NativeMethods.IsAlive(pid))
        {
            message += $" It looks like {Path.GetFileNameWithoutExtension(pidFile)} of an earlier run that did not stop cleanly (pid {pid}): `kill {pid}`.";
        }

        throw new ResourceStartException(resourceName, message);
    }
}
