using System.Text.Json.Nodes;

namespace GoodThings.Audit;

/// <summary>What a PATCH changed, field by field, from the resource's input form before and after.</summary>
public static class FieldChanges
{
    /// <summary>Longest value copied into the log; a longer one is recorded as changed, without values.</summary>
    public const int MaxValueChars = 500;

    /// <param name="before">The resource as its input document (e.g. <c>EventInput.From</c>) before the change.</param>
    /// <param name="after">The same after it.</param>
    /// <param name="withoutValues">Fields recorded only as changed: long texts, and any that hold people's details.</param>
    public static IReadOnlyList<FieldChange> Between(object before, object after, IReadOnlySet<string> withoutValues)
    {
        var old = (JsonObject)JsonSerializer.SerializeToNode(before, before.GetType(), JsonBinding.Options)!;
        var @new = (JsonObject)JsonSerializer.SerializeToNode(after, after.GetType(), JsonBinding.Options)!;
        var changes = new List<FieldChange>();
        foreach (var field in old.Select(p => p.Key).Union(@new.Select(p => p.Key), StringComparer.Ordinal))
        {
            var from = Text(old[field]);
            var to = Text(@new[field]);
            if (from == to)
            {
                continue;
            }

            changes.Add(withoutValues.Contains(field) || from?.Length > MaxValueChars || to?.Length > MaxValueChars
                ? new FieldChange(field, null, null, ValuesKept: false)
                : new FieldChange(field, from, to));
        }

        return changes;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
