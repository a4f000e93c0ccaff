namespace GoodThings.Templates.Pages;

internal static class Text
{
    /// <summary>Null for a missing or blank value: Scriban treats an empty string as true.</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
