namespace Platform.AppHost.Hosting;

public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,

    /// <summary>Configured through ConnectionStrings__&lt;name&gt;: someone else runs it.</summary>
    External,
    FailedToStart,

    /// <summary>The process ended while it should have been running.</summary>
    Exited,
    Stopping,
    Stopped,
}
