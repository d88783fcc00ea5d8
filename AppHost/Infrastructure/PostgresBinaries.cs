namespace Platform.AppHost.Infrastructure;

internal static class PostgresBinaries
{
    /// <summary>
    /// The bin folder of the major version that created <paramref name="dataDirectory"/>, else the newest installed
    /// (Debian and Ubuntu ship different majors).
    /// </summary>
    public static string Find(string dataDirectory)
    {
        var versionFile = Path.Combine(dataDirectory, "PG_VERSION");
        if (File.Exists(versionFile))
        {
            var bin = $"/usr/lib/postgresql/{File.ReadAllText(versionFile).Trim()}/bin";
            if (Directory.Exists(bin))
            {
                return bin;
            }
        }

        return (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(folder => Path.Combine(folder, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/install-prerequisites.sh, "
                + "or use containers (Infrastructure:Mode=containers).");
    }
}
