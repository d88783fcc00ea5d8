using System.Text;

namespace Platform.AppHost.Hosting;

internal static class ResourceTable
{
    public static string Render(IEnumerable<Resource> resources, string footer)
    {
        var rows = resources
            .Where(r => r is not PostgresDatabaseResource)
            .OrderBy(r => r switch
            {
                ProjectResource { HasExternalHttpEndpoint: true } => 0,
                ProjectResource => 1,
                _ => 2,
            })
            .Select(r => (r.Name, State: StateText(r), Urls: r.DisplayUrls.Count == 0 ? [""] : r.DisplayUrls))
            .ToList();

        var nameWidth = Math.Max("Resource".Length, rows.Max(r => r.Name.Length));
        var stateWidth = Math.Max("State".Length, rows.Max(r => r.State.Length));
        var urlWidth = Math.Max("URL(s)".Length, rows.SelectMany(r => r.Urls).Max(u => u.Length));

        var text = new StringBuilder().AppendLine();
        void Line(string name, string state, string url) =>
            text.Append("  ").Append(name.PadRight(nameWidth)).Append("  ").Append(state.PadRight(stateWidth)).Append("  ").AppendLine(url);

        Line("Resource", "State", "URL(s)");
        Line(new string('─', nameWidth), new string('─', stateWidth), new string('─', urlWidth));
        foreach (var (name, state, urls) in rows)
        {
            Line(name, state, urls[0]);
            foreach (var url in urls.Skip(1))
            {
                Line("", "", url);
            }
        }

        return text.AppendLine().Append("  ").AppendLine(footer).ToString();
    }

    private static string StateText(Resource resource) => resource.State switch
    {
        ResourceState.FailedToStart => "FAILED",
        ResourceState.Exited => $"Exited{(resource.StateDetail is null ? "" : $" ({resource.StateDetail})")}",
        ResourceState.NotStarted when resource.StateDetail == "cancelled" => "Cancelled",
        ResourceState.NotStarted => "Not started",
        _ => resource.State.ToString(),
    };
}
