using System.Collections;
using System.Globalization;

namespace Platform.AppHost.Hosting;

public sealed class DistributedApplicationOptions
{
    public const string Usage =
        "options: --data <dir> (default <repo>/.data/apphost), --port-offset <n> (added to every fixed port), "
        + "--dynamic-ports (every port picked free)";

    /// <summary>The folder holding Platform.sln; projects are declared relative to its AppHost folder.</summary>
    public string? RepositoryRoot { get; set; } = RepositoryLocator.Find();

    /// <summary>Servers' data, logs (logs/&lt;resource&gt;.log) and the internal-token keys.</summary>
    public string DataDirectory { get; set; } = "";

    public int PortOffset { get; set; }

    public bool DynamicPorts { get; set; }

    /// <summary>The build configuration whose output is launched: the AppHost's own.</summary>
    public string Configuration { get; set; } =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>Echo every resource's output on the console (it always goes to its log file).</summary>
    public bool EchoToConsole { get; set; } = true;

    public TimeSpan ProjectHealthTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Where ConnectionStrings__* and OTEL_* are looked up: the AppHost's environment unless changed.</summary>
    public IDictionary<string, string> Environment { get; } = System.Environment.GetEnvironmentVariables()
        .Cast<DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);

    public IList<string> UnrecognizedArguments { get; } = [];

    public string AppHostDirectory => Path.Combine(
        RepositoryRoot ?? throw new InvalidOperationException("Cannot find the repository (no Platform.sln above the current directory or the AppHost binaries)."),
        "AppHost");

    public static DistributedApplicationOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DistributedApplicationOptions();
        string? data = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Count:
                    data = args[++i];
                    break;
                case "--port-offset" when i + 1 < args.Count
                                          && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset):
                    options.PortOffset = offset;
                    i++;
                    break;
                case "--dynamic-ports":
                    options.DynamicPorts = true;
                    break;
                default:
                    options.UnrecognizedArguments.Add(args[i]);
                    break;
            }
        }

        options.DataDirectory = Path.GetFullPath(data
            ?? Path.Combine(options.RepositoryRoot ?? System.Environment.CurrentDirectory, ".data", "apphost"));
        return options;
    }
}
