namespace Platform.Deployment.Tests;

public sealed class ManifestValidationTests
{
    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_rendered_object_matches_the_Kubernetes_API_schemas(string overlay)
    {
        var result = await Manifests.ValidateAsync(await Manifests.RenderAsync(overlay));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^\d+ objects valid", result.Output);
    }

    [Theory]
    [InlineData("imagePullPolicy: IfNotPresent", "imagePullPolicyy: IfNotPresent", "imagePullPolicyy: unknown field")]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true", "readOnlyRootFileSystem: unknown field")]
    [InlineData("terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: forty-five", "terminationGracePeriodSeconds must be integer")]
    [InlineData("pathType: Prefix", "pathType: Prefixed", "pathType must be equal to one of the allowed values")]
    public async Task A_wrong_field_is_refused(string field, string wrong, string expectedProblem)
    {
        var rendered = await Manifests.RenderAsync(Manifests.Production);
        Assert.Contains(field, rendered);

        var result = await Manifests.ValidateAsync(rendered.Replace(field, wrong));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expectedProblem, result.Output);
    }

    [Fact]
    public async Task An_object_of_a_kind_without_a_schema_is_refused()
    {
        var result = await Manifests.ValidateAsync("apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no schema for example.com/v1 Widget", result.Output);
    }
}
