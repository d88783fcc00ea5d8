using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Membership.Infrastructure;

/// <summary>Dictionaries kept as jsonb, compared by content so EF notices a changed value.</summary>
internal static class JsonColumns
{
    public static ValueConverter<Dictionary<TKey, TValue>, string> Dictionary<TKey, TValue>() where TKey : notnull => new(
        values => JsonSerializer.Serialize(values, JsonSerializerOptions.Default),
        json => JsonSerializer.Deserialize<Dictionary<TKey, TValue>>(json, JsonSerializerOptions.Default) ?? new Dictionary<TKey, TValue>());

    public static ValueComparer<Dictionary<TKey, TValue>> DictionaryComparer<TKey, TValue>() where TKey : notnull => new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        values => values.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
        values => new Dictionary<TKey, TValue>(values));
}
