using System.Text.Json.Nodes;

namespace GoodThings.Validation;

/// <summary>JSON Merge Patch (RFC 7396).</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            var current = result[name];
            result.Remove(name);
            if (value is not null)
            {
                result[name] = Apply(current, value);
            }
        }

        return result;
    }
}
