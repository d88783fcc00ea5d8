using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Problems;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Partial updates are PATCH with a JSON merge patch (RFC 7396): a member present sets, null removes
/// (back to the default), absent keeps; objects merge member by member, arrays are replaced whole.
/// PUT stays a full replace. An endpoint turns its resource into its PUT body, merges the patch into
/// it and runs the PUT's checks on the result, so both verbs keep one set of rules.
/// </summary>
public static class JsonMergePatch
{
    public const string MediaType = "application/merge-patch+json";
    private const string UnsupportedMediaType = "urn:platform:problem:unsupported-media-type";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>RFC 7396, section 2: the patch applied to a copy of <paramref name="target"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members) return patch?.DeepClone();
        var result = target is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        foreach (var (name, value) in members)
        {
            if (value is null) result.Remove(name);
            else result[name] = Apply(result[name], value);
        }

        return result;
    }

    /// <summary>
    /// The <typeparamref name="TResource"/> (as its PUT body) with the request's merge patch applied,
    /// or the problem to answer: 415 for another media type, 400 for a body that is not a JSON object
    /// or does not fit the resource.
    /// </summary>
    public static async Task<(TResource? Merged, ProblemHttpResult? Problem)> MergeAsync<TResource>(
        HttpRequest request, TResource current, CancellationToken cancellationToken)
    {
        var (patch, problem) = await ReadAsync(request, cancellationToken);
        return patch is null ? (default, problem) : Merge(current, patch);
    }

    /// <summary>
    /// PUT replaces <paramref name="what"/>: each required field left out (null) is refused by name, never
    /// taken as "keep" nor as a silent wipe. Empty when none is missing.
    /// </summary>
    public static Dictionary<string, string[]> MissingFromPut(string what, params (string Field, object? Value)[] fields) =>
        fields.Where(f => f.Value is null).ToDictionary(
            f => f.Field, _ => new[] { $"Required: PUT replaces {what}. To change some fields, send PATCH with {MediaType}." });

    /// <summary>The request's merge patch, or the problem to answer (415 for another media type, 400 for anything but a JSON object).</summary>
    public static async Task<(JsonObject? Patch, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MediaType, StringComparison.OrdinalIgnoreCase))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, type: UnsupportedMediaType,
                title: "Unsupported media type.", detail: $"PATCH takes a JSON merge patch: Content-Type: {MediaType}."));
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) is JsonObject patch
                ? (patch, null)
                : (null, Malformed("A merge patch is a JSON object of the fields to change."));
        }
        catch (JsonException json)
        {
            return (null, Malformed($"The body is not valid JSON: {json.Message}"));
        }
    }

    /// <summary><paramref name="current"/> with <paramref name="patch"/> applied, or a 400 when the result does not fit the resource.</summary>
    public static (TResource? Merged, ProblemHttpResult? Problem) Merge<TResource>(TResource current, JsonObject patch)
    {
        try
        {
            return (Apply(JsonSerializer.SerializeToNode(current, Web), patch).Deserialize<TResource>(Web), null);
        }
        catch (JsonException json)
        {
            return (default, Malformed($"The merge patch does not fit this resource: {json.Message}"));
        }
    }

    private static ProblemHttpResult Malformed(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.MalformedRequest, title: "The request could not be read.", detail: detail);
}
