namespace Platform.AppHost.Hosting;

/// <summary>The AppHost console, shared by every resource: one line at a time, a color per resource.</summary>
internal static class ConsoleSink
{
    private static readonly string[] Palette =
    [
        "\u001b[36m", "\u001b[35m", "\u001b[33m", "\u001b[32m", "\u001b[34m",
        "\u001b[96m", "\u001b[95m", "\u001b[93m", "\u001b[92m", "\u001b[94m",
    ];

    private const string Reset = "\u001b[0m";
    private const string Dim = "\u001b[2m";
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal);
    private static readonly bool UseColor =
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    // "notifications" is the longest name of the topology: keep the columns aligned from the first line.
    private static int _width = 13;

    public static void WriteLine(string resource, string line, bool fromAppHost)
    {
        lock (Gate)
        {
            _width = Math.Max(_width, resource.Length);
            var prefix = resource.PadRight(_width);
            if (!UseColor)
            {
                Console.Out.WriteLine(fromAppHost ? $"{prefix} | » {line}" : $"{prefix} | {line}");
                return;
            }

            if (!Colors.TryGetValue(resource, out var color))
            {
                color = Palette[Colors.Count % Palette.Length];
                Colors[resource] = color;
            }

            Console.Out.WriteLine(fromAppHost
                ? $"{color}{prefix}{Reset} {Dim}|{Reset} » {line}"
                : $"{color}{prefix}{Reset} {Dim}|{Reset} {line}");
        }
    }

    public static void WriteBlock(string text)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(text);
        }
    }
}
