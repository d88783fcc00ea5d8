using System.Globalization;

namespace Platform.AppHost.Hosting;

internal static class UnixAccounts
{
    public static (int Uid, int Gid)? Find(string userName)
    {
        if (!File.Exists("/etc/passwd"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length > 3 && fields[0] == userName
                && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var uid)
                && int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var gid))
            {
                return (uid, gid);
            }
        }

        return null;
    }

    /// <summary>Creates the folder with the given mode and, when we are root, hands it to <paramref name="owner"/>.</summary>
    public static void CreateOwnedDirectory(string path, UnixFileMode mode, (int Uid, int Gid)? owner)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        if (owner is { } o && NativeMethods.chown(path, o.Uid, o.Gid) != 0)
        {
            throw new IOException($"could not give {path} to uid {o.Uid}");
        }
    }

    /// <summary>The first folder on the way to <paramref name="path"/> that other accounts cannot enter, if any.</summary>
    public static string? FirstClosedAncestor(string path)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(path)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir) && (File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
            {
                return dir;
            }
        }

        return null;
    }
}
