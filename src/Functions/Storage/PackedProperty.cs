using System.IO.Compression;

namespace GoodThings.Storage;

/// <summary>
/// Stores a value larger than Table Storage's 64 KiB property limit (a newsletter body, a batch's recipients) as
/// Brotli-compressed UTF-8 JSON split over numbered binary properties: <c>Name0</c>, <c>Name1</c>, … An entity
/// still holds at most 1 MiB, so values stay well below that.
/// </summary>
public static class PackedProperty
{
    private const int ChunkBytes = 64 * 1024;

    public static void Write<T>(TableEntity entity, string name, T value)
    {
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, value);
        }

        var bytes = packed.GetBuffer().AsSpan(0, (int)packed.Length);
        for (var (offset, index) = (0, 0); offset < bytes.Length; offset += ChunkBytes, index++)
        {
            entity[$"{name}{index}"] = bytes.Slice(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray();
        }
    }

    public static T Read<T>(TableEntity entity, string name)
    {
        using var packed = new MemoryStream();
        for (var index = 0; entity.GetBinary($"{name}{index}") is { } chunk; index++)
        {
            packed.Write(chunk);
        }

        packed.Position = 0;
        using var brotli = new BrotliStream(packed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(brotli) ?? throw new InvalidDataException($"Packed property {name} of {entity.PartitionKey}/{entity.RowKey} is empty.");
    }

    /// <summary>
    /// The bytes the value takes in a request, to keep a transaction under its 4 MiB: binary properties travel as
    /// base64, a third larger than they are stored.
    /// </summary>
    public static long SizeOf(TableEntity entity, string name)
    {
        long size = 0;
        for (var index = 0; entity.GetBinary($"{name}{index}") is { } chunk; index++)
        {
            size += (chunk.Length + 2) / 3 * 4;
        }

        return size;
    }
}
