namespace Platform.AppHost.Hosting;

/// <summary>Finds the local installations the servers run from; a missing one is named with the fix.</summary>
internal static class ToolLocator
{
    private const string InstallHint = "run scripts/install-prerequisites.sh";

    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// PostgreSQL's bin folder: $POSTGRES_BIN, else the version that created <paramref name="dataDirectory"/>,
    /// else the newest /usr/lib/postgresql/*/bin (Debian and Ubuntu ship different majors), else initdb on PATH.
    /// </summary>
    public static string PostgresBin(string resourceName, string dataDirectory)
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new ResourceStartException(resourceName, $"POSTGRES_BIN={configured} has no initdb.");
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(x => x.Version >= 0 && File.Exists(Path.Combine(x.Bin, "initdb")))
                .OrderByDescending(x => x.Version)
                .ToList()
            : [];

        var versionFile = Path.Combine(dataDirectory, "PG_VERSION");
        if (File.Exists(versionFile) && int.TryParse(File.ReadAllText(versionFile).Trim(), out var dataVersion))
        {
            var match = installed.FirstOrDefault(x => x.Version == dataVersion);
            if (match.Bin is not null)
            {
                return match.Bin;
            }

            if (installed.Count > 0)
            {
                throw new ResourceStartException(resourceName,
                    $"{dataDirectory} was created by PostgreSQL {dataVersion}, which is not installed (found {string.Join(", ", installed.Select(x => x.Version))}); "
                    + "delete that folder to start over, or install postgresql-" + dataVersion + ".");
            }
        }

        if (installed.Count > 0)
        {
            return installed[0].Bin;
        }

        var initdb = FindOnPath("initdb");
        return initdb is not null
            ? Path.GetDirectoryName(initdb)!
            : throw new ResourceStartException(resourceName, $"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): {InstallHint}.");
    }

    public static string RedisServer(string resourceName)
        => Existing("/usr/bin/redis-server", "/usr/local/bin/redis-server")
            ?? FindOnPath("redis-server")
            ?? throw new ResourceStartException(resourceName, $"redis-server is not installed: {InstallHint}.");

    /// <summary>
    /// The real start script, not Debian's /usr/sbin wrapper: that one switches to the rabbitmq user when run as
    /// root, which would need every folder of ours to belong to rabbitmq.
    /// </summary>
    public static string RabbitMqServer(string resourceName)
    {
        var configured = Environment.GetEnvironmentVariable("RABBITMQ_SERVER_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        return Existing("/usr/lib/rabbitmq/bin/rabbitmq-server")
            ?? (Directory.Exists("/usr/lib/rabbitmq/lib")
                ? Directory.EnumerateDirectories("/usr/lib/rabbitmq/lib", "rabbitmq_server-*").Select(d => Path.Combine(d, "sbin", "rabbitmq-server")).FirstOrDefault(File.Exists)
                : null)
            ?? FindOnPath("rabbitmq-server")
            ?? throw new ResourceStartException(resourceName, $"rabbitmq-server is not installed: {InstallHint}.");
    }

    public static string Epmd(string resourceName)
        => FindOnPath("epmd")
            ?? Existing("/usr/bin/epmd", "/usr/lib/erlang/bin/epmd")
            ?? throw new ResourceStartException(resourceName, $"epmd (Erlang) is not installed: {InstallHint}.");

    /// <summary>&lt;repo&gt;/.tools/maildev, then $MAILDEV_PATH, then PATH, then the machine-wide copy.</summary>
    public static string MailDev(string resourceName, string? repositoryRoot)
    {
        const string bin = "node_modules/.bin/maildev";
        var configured = Environment.GetEnvironmentVariable("MAILDEV_PATH");
        return Existing(
                repositoryRoot is null ? null : Path.Combine(repositoryRoot, ".tools", "maildev", bin),
                string.IsNullOrEmpty(configured) ? null : configured,
                string.IsNullOrEmpty(configured) ? null : Path.Combine(configured, bin))
            ?? FindOnPath("maildev")
            ?? Existing("/opt/platform-tools/maildev/" + bin)
            ?? throw new ResourceStartException(resourceName, $"maildev is not installed: {InstallHint} (it installs maildev 3.0.0 into .tools/maildev).");
    }

    public static string Dotnet()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return Existing(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
                string.IsNullOrEmpty(root) ? null : Path.Combine(root, "dotnet"))
            ?? FindOnPath("dotnet")
            ?? Existing("/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet")
            ?? "dotnet";
    }

    private static string? Existing(params string?[] candidates)
        => candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
}
