using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Platform.Deployment.Tests;

/// <summary>
/// The rendered deployment: <c>kubectl kustomize</c> of an overlay, checked by deploy/validate (installed
/// once per test run with <c>npm ci</c> from its committed lock file).
/// </summary>
public static class Manifests
{
    public const string Development = "deploy/overlays/development";
    public const string Production = "deploy/overlays/production";
    /// <summary>Production with the optional Gateway API component instead of the Ingress.</summary>
    public const string ProductionWithGatewayApi = "production + components/gateway-api";

    public static readonly TheoryData<string> Overlays = new() { Development, Production, ProductionWithGatewayApi };

    private static readonly string ValidatorFolder = Repository.PathTo("deploy/validate");
    private static readonly Lazy<Task> ValidatorInstalled = new(() =>
        CommandLine.SucceedAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], ValidatorFolder, timeout: TimeSpan.FromMinutes(5)));

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Rendered = new();

    /// <summary>The overlay's YAML, rendered once per test run.</summary>
    public static Task<string> RenderAsync(string overlay) =>
        Rendered.GetOrAdd(overlay, o => new Lazy<Task<string>>(() => RenderOnceAsync(o))).Value;

    private static async Task<string> RenderOnceAsync(string overlay)
    {
        if (overlay != ProductionWithGatewayApi)
        {
            return await KustomizeAsync(Repository.PathTo(overlay));
        }

        var folder = Directory.CreateTempSubdirectory("platform-overlay-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [{Path.GetRelativePath(folder.FullName, Repository.PathTo(Production))}]
                components: [{Path.GetRelativePath(folder.FullName, Repository.PathTo("deploy/components/gateway-api"))}]
                """);
            return await KustomizeAsync(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static async Task<CommandResult> ValidateAsync(string yaml)
    {
        await ValidatorInstalled.Value;
        return await CommandLine.RunAsync("node", ["validate.mjs"], ValidatorFolder, input: yaml);
    }

    /// <summary>Every object of the overlay, as JSON.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ObjectsAsync(string overlay)
    {
        await ValidatorInstalled.Value;
        var json = await CommandLine.SucceedAsync("node", ["to-json.mjs"], ValidatorFolder, input: await RenderAsync(overlay));
        return JsonNode.Parse(json)!.AsArray().Select(node => node!.AsObject()).ToList();
    }

    private static Task<string> KustomizeAsync(string folder) =>
        CommandLine.SucceedAsync("kubectl", ["kustomize", folder, "--load-restrictor", "LoadRestrictionsNone"]);
}
