namespace Platform.AppHost.Hosting;

public static class ShutdownSignal
{
    /// <summary>
    /// Lets `kill -INT` reach a background AppHost: a non-interactive shell starts background jobs with SIGINT
    /// ignored, and .NET leaves an ignored SIGINT ignored. Call it first in Main, before anything touches the console.
    /// </summary>
    public static void AcceptInterruptWhenBackgrounded()
    {
        if (!OperatingSystem.IsWindows())
        {
            NativeMethods.signal(NativeMethods.SIGINT, IntPtr.Zero);
        }
    }

    /// <summary>Ctrl+C (SIGINT), SIGTERM and SIGHUP all ask for one orderly shutdown.</summary>
    internal static ShutdownListener Listen(Action<string> onSignal) => new(onSignal);
}
