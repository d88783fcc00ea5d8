using System.Text.Json.Nodes;

namespace Platform.Deployment.Tests;

/// <summary>The rules a platform team relies on, asserted on every overlay as rendered.</summary>
public sealed class ManifestPolicyTests
{
    private static readonly string[] Services = ["gateway", "identity", "membership", "notifications", "approvals"];

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_container_runs_as_non_root_on_a_read_only_root_file_system_without_privileges(string overlay)
    {
        var objects = await Manifests.ObjectsAsync(overlay);
        var pods = objects.Where(o => Kind(o) is "Deployment" or "Job").ToList();
        Assert.NotEmpty(pods);

        foreach (var workload in pods)
        {
            var pod = workload["spec"]!["template"]!["spec"]!;
            var name = Name(workload);
            Assert.True(pod["securityContext"]?["runAsNonRoot"]?.GetValue<bool>() == true, $"{name}: runAsNonRoot");
            Assert.Equal("RuntimeDefault", pod["securityContext"]?["seccompProfile"]?["type"]?.GetValue<string>());
            Assert.False(pod["automountServiceAccountToken"]?.GetValue<bool>() ?? true, $"{name}: service-account token mounted");
            foreach (var container in pod["containers"]!.AsArray())
            {
                var security = container!["securityContext"];
                Assert.True(security?["readOnlyRootFilesystem"]?.GetValue<bool>() == true, $"{name}: readOnlyRootFilesystem");
                Assert.True(security?["allowPrivilegeEscalation"]?.GetValue<bool>() == false, $"{name}: allowPrivilegeEscalation");
                Assert.Contains("ALL", security?["capabilities"]?["drop"]?.AsArray().Select(c => c!.GetValue<string>()) ?? []);
                Assert.NotNull(container["resources"]?["requests"]?["memory"]);
                Assert.NotNull(container["resources"]?["limits"]?["memory"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_service_has_probes_an_autoscaler_a_disruption_budget_and_a_shutdown_that_fits_its_grace_period(string overlay)
    {
        var objects = await Manifests.ObjectsAsync(overlay);
        var shutdownTimeout = int.Parse(ConfigMap(objects, "platform-config")["DOTNET_shutdownTimeoutSeconds"]!.GetValue<string>());

        foreach (var service in Services)
        {
            var pod = Single(objects, "Deployment", service)["spec"]!["template"]!["spec"]!;
            var container = pod["containers"]![0]!;
            Assert.Equal("/health", container["readinessProbe"]?["httpGet"]?["path"]?.GetValue<string>());
            Assert.Equal("/alive", container["livenessProbe"]?["httpGet"]?["path"]?.GetValue<string>());
            var preStop = container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!.GetValue<int>();
            var grace = pod["terminationGracePeriodSeconds"]!.GetValue<int>();
            Assert.True(preStop + shutdownTimeout < grace, $"{service}: preStop {preStop} s + shutdown {shutdownTimeout} s must fit in {grace} s");

            Assert.Equal(service, Single(objects, "HorizontalPodAutoscaler", service)["spec"]!["scaleTargetRef"]!["name"]!.GetValue<string>());
            Assert.Equal(service, Single(objects, "PodDisruptionBudget", service)["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_service_with_a_database_has_a_migration_job(string overlay)
    {
        var objects = await Manifests.ObjectsAsync(overlay);

        foreach (var service in Services.Skip(1))
        {
            var job = Single(objects, "Job", $"{service}-migrate");
            var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
            Assert.Equal(["--migrate"], container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
            Assert.Equal(Image(Single(objects, "Deployment", service)), container["image"]!.GetValue<string>());

            // The install applies config and migration objects first: a job must need nothing else.
            Assert.Null(job["spec"]!["template"]!["spec"]!["serviceAccountName"]);
            foreach (var configMap in container["envFrom"]!.AsArray().Select(source => source!["configMapRef"]?["name"]?.GetValue<string>()).OfType<string>())
            {
                Assert.Equal("config", Single(objects, "ConfigMap", configMap)["metadata"]!["labels"]!["app.kubernetes.io/component"]!.GetValue<string>());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Network_traffic_is_denied_by_default_and_only_the_gateway_is_exposed(string overlay)
    {
        var objects = await Manifests.ObjectsAsync(overlay);
        var policies = objects.Where(o => Kind(o) == "NetworkPolicy").ToList();

        var denyAll = Assert.Single(policies, p => p["spec"]!["podSelector"]!.AsObject().Count == 0
            && p["spec"]!["ingress"] is null && p["spec"]!["egress"] is null);
        Assert.Equal(["Ingress", "Egress"], denyAll["spec"]!["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));

        // An ingress rule without "from" admits any source: only the gateway may have one.
        var openToAll = policies.Where(p => p["spec"]!["ingress"]?.AsArray().Any(rule => rule!["from"] is null) == true);
        Assert.All(openToAll, p => Assert.Equal("gateway", p["spec"]!["podSelector"]!["matchLabels"]?["app.kubernetes.io/name"]?.GetValue<string>()));

        Assert.All(objects.Where(o => Kind(o) == "Service"), s => Assert.Null(s["spec"]!["type"]));
        var backends = objects.Where(o => Kind(o) == "Ingress").SelectMany(i => i["spec"]!["rules"]!.AsArray())
            .SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => p!["backend"]!["service"]!["name"]!.GetValue<string>())
            .Concat(objects.Where(o => Kind(o) == "HTTPRoute").SelectMany(r => r["spec"]!["rules"]!.AsArray())
                .SelectMany(r => r!["backendRefs"]!.AsArray()).Select(b => b!["name"]!.GetValue<string>()))
            .ToList();
        Assert.NotEmpty(backends);
        Assert.All(backends, backend => Assert.Equal("gateway", backend));
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Images_come_from_the_overlays_registry_with_a_fixed_tag(string overlay)
    {
        var objects = await Manifests.ObjectsAsync(overlay);

        foreach (var service in Services)
        {
            var image = Image(Single(objects, "Deployment", service));
            Assert.Matches($@"^[a-z0-9.:-]+/platform/{service}:[\w.-]+$", image);
            Assert.DoesNotMatch(":latest$", image);
        }
    }

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static string Name(JsonObject o) => $"{Kind(o)}/{o["metadata"]!["name"]!.GetValue<string>()}";

    private static string Image(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    private static JsonObject Single(IEnumerable<JsonObject> objects, string kind, string name) =>
        Assert.Single(objects, o => Kind(o) == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    // Generated ConfigMaps carry a content hash after their name.
    private static JsonObject ConfigMap(IEnumerable<JsonObject> objects, string name) =>
        Assert.Single(objects, o => Kind(o) == "ConfigMap" && o["metadata"]!["name"]!.GetValue<string>().StartsWith(name + "-"))["data"]!.AsObject();
}
