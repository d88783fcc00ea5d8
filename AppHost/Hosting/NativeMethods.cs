using System.Runtime.InteropServices;

namespace Platform.AppHost.Hosting;

internal static class NativeMethods
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport("libc", SetLastError = true)]
    public static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int owner, int group);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr signal(int signum, IntPtr handler);

    public static bool IsAlive(int pid) => pid > 0 && kill(pid, 0) == 0;
}
