using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Testing;

public static class MergePatch
{
    /// <summary>PATCH with a JSON merge patch (RFC 7396): the fields given change, null removes, the rest stays.</summary>
    public static Task<HttpResponseMessage> PatchMergeAsync(this HttpClient client, string path, object patch) =>
        client.PatchAsync(path, JsonContent.Create(patch, new MediaTypeHeaderValue("application/merge-patch+json")));
}
