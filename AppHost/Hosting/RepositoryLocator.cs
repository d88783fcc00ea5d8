namespace Platform.AppHost.Hosting;

internal static class RepositoryLocator
{
    /// <summary>The folder holding Platform.sln (or .slnx, or AppHost/): from the current directory, then from the binaries.</summary>
    public static string? Find()
        => FindFrom(Environment.CurrentDirectory) ?? FindFrom(AppContext.BaseDirectory);

    private static string? FindFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))
                || File.Exists(Path.Combine(dir.FullName, "Platform.slnx"))
                || File.Exists(Path.Combine(dir.FullName, "AppHost", "Platform.AppHost.csproj")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
