using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>
/// The rules our images must keep, checked on the Dockerfile's text (this machine cannot pull base
/// images, so nothing is built): pinned official .NET base images, several stages, a non-root user,
/// no secrets, an exec-form entry point (a shell in front would swallow SIGTERM), no HEALTHCHECK
/// (Kubernetes probes do that, and the runtime image has no curl).
/// </summary>
public static partial class DockerfileRules
{
    private static readonly string[] SecretWords = ["PASSWORD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE", "SIGNINGKEY", "CONNECTIONSTRINGS"];

    public static IReadOnlyList<string> Check(string dockerfile)
    {
        var problems = new List<string>();
        var instructions = Instructions(dockerfile).ToList();
        var stages = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var stageNames = stages.Where(s => s.Length >= 3 && s[^2].Equals("AS", StringComparison.OrdinalIgnoreCase)).Select(s => s[^1]).ToHashSet(StringComparer.OrdinalIgnoreCase);

        if (stages.Count < 2) problems.Add("not multi-stage: build with the SDK image, run on the runtime image");
        foreach (var image in stages.Select(s => s.First(word => !word.StartsWith("--"))).Where(image => !stageNames.Contains(image)))
        {
            if (!image.StartsWith("mcr.microsoft.com/dotnet/")) problems.Add($"{image}: not an official .NET image");
            if (!IsPinned(image)) problems.Add($"{image}: base image tag not pinned (a version or a digest, never latest)");
        }

        var final = instructions.Skip(instructions.FindLastIndex(i => i.Keyword == "FROM")).ToList();
        if (stages.Count > 0 && !stages[^1][0].StartsWith("mcr.microsoft.com/dotnet/aspnet:")) problems.Add("the final stage is not mcr.microsoft.com/dotnet/aspnet");
        var user = final.LastOrDefault(i => i.Keyword == "USER")?.Arguments;
        if (user is null || user is "root" or "0" || user.StartsWith("root:") || user.StartsWith("0:")) problems.Add("the final stage does not switch to a non-root USER");

        var entryPoint = final.LastOrDefault(i => i.Keyword == "ENTRYPOINT")?.Arguments;
        if (entryPoint is null || !entryPoint.StartsWith('[')) problems.Add("ENTRYPOINT missing or in shell form: SIGTERM must reach the process");
        if (instructions.Any(i => i.Keyword == "HEALTHCHECK")) problems.Add("HEALTHCHECK: Kubernetes probes /health and /alive instead");

        foreach (var instruction in instructions.Where(i => i.Keyword is "ENV" or "ARG" or "LABEL"))
        {
            var names = instruction.Arguments.ToUpperInvariant().Replace("_", "");
            if (SecretWords.Any(word => names.Contains(word.Replace("_", "")))) problems.Add($"{instruction.Keyword} {instruction.Arguments}: looks like a secret; secrets come from Kubernetes Secrets at run time");
        }

        foreach (var instruction in instructions.Where(i => i.Keyword is "COPY" or "ADD"))
        {
            if (SecretFile().IsMatch(instruction.Arguments)) problems.Add($"{instruction.Keyword} {instruction.Arguments}: copies a key or an env file into the image");
        }

        return problems;
    }

    private sealed record Instruction(string Keyword, string Arguments);

    // Joins continuation lines and drops comments and parser directives.
    private static IEnumerable<Instruction> Instructions(string dockerfile)
    {
        var logical = "";
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                logical += line[..^1] + " ";
                continue;
            }

            logical += line;
            if (logical.Trim().Length > 0)
            {
                var parts = logical.Trim().Split(' ', 2);
                yield return new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
            }

            logical = "";
        }
    }

    private static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:")) return true;
        var tagStart = image.LastIndexOf(':');
        if (tagStart <= image.LastIndexOf('/')) return false;
        var tag = image[(tagStart + 1)..];
        return tag.Length > 0 && tag != "latest" && !tag.Contains('$');
    }

    [GeneratedRegex(@"\.(pem|key|pfx|p12|env)\b|id_rsa|\.npmrc|nuget\.config", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFile();
}
