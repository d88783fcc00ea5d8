namespace Platform.AppHost.Hosting;

/// <summary>A resource a project can reference: it becomes ConnectionStrings__&lt;resource name&gt;.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Known once the application is built (ports are resolved then).</summary>
    string ConnectionString { get; }
}
