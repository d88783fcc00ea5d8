namespace Platform.Deployment.Tests;

public sealed class DockerfileTests
{
    private const string Good = """
        # syntax=docker/dockerfile:1
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        COPY . .
        RUN sh deploy/docker/publish.sh x.csproj /app
        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        COPY --from=build /app .
        USER $APP_UID
        ENTRYPOINT ["/app/service"]
        """;

    [Fact]
    public void The_services_Dockerfile_keeps_every_rule()
    {
        var problems = DockerfileRules.Check(File.ReadAllText(Repository.PathTo("deploy/docker/Dockerfile")));

        Assert.Empty(problems);
    }

    [Fact]
    public void A_Dockerfile_that_keeps_the_rules_passes() => Assert.Empty(DockerfileRules.Check(Good));

    [Theory]
    [InlineData("aspnet:10.0\n", "aspnet:latest\n", "not pinned")]
    [InlineData("aspnet:10.0\n", "aspnet\n", "not pinned")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:10.0", "FROM docker.io/library/ubuntu:24.04", "not an official .NET image")]
    [InlineData("USER $APP_UID", "USER root", "non-root USER")]
    [InlineData("USER $APP_UID\n", "", "non-root USER")]
    [InlineData("ENTRYPOINT [\"/app/service\"]", "ENTRYPOINT /app/service", "shell form")]
    [InlineData("USER $APP_UID", "USER $APP_UID\nHEALTHCHECK CMD curl -f http://localhost:8080/alive", "HEALTHCHECK")]
    [InlineData("USER $APP_UID", "ENV ConnectionStrings__identitydb=Host=db;Password=x\nUSER $APP_UID", "looks like a secret")]
    [InlineData("USER $APP_UID", "ARG NUGET_TOKEN\nUSER $APP_UID", "looks like a secret")]
    [InlineData("COPY --from=build /app .", "COPY --from=build /app .\nCOPY signing-key.pem /app/", "copies a key")]
    public void A_Dockerfile_that_breaks_a_rule_is_refused(string part, string broken, string expectedProblem)
    {
        Assert.Contains(part, Good);

        var problems = DockerfileRules.Check(Good.Replace(part, broken));

        Assert.Contains(problems, problem => problem.Contains(expectedProblem));
    }

    [Fact]
    public void A_single_stage_Dockerfile_is_refused()
    {
        var problems = DockerfileRules.Check("FROM mcr.microsoft.com/dotnet/aspnet:10.0\nUSER $APP_UID\nENTRYPOINT [\"/app/service\"]\n");

        Assert.Contains(problems, problem => problem.Contains("not multi-stage"));
    }
}
