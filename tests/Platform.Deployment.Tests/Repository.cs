namespace Platform.Deployment.Tests;

/// <summary>Paths in the repository this test run was built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
