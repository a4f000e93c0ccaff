using System.ComponentModel.DataAnnotations;
using System.Reflection;
using GoodThings.Storage;

namespace GoodThings.Infra.Tests.Infra;

/// <summary>One setting the app binds: an options class's Section plus one of its properties.</summary>
internal sealed record OptionSetting(string Section, string Property, bool Required, Type OptionsType)
{
    /// <summary>The app setting (environment variable) name: Section__Property.</summary>
    public string AppSettingName => $"{Section.Replace(":", "__", StringComparison.Ordinal)}__{Property}";
}

/// <summary>
/// The settings the app binds, found by the convention every options class in src/Functions follows:
/// <c>public sealed class XxxOptions</c> with <c>public const string Section</c>, required settings marked [Required].
/// </summary>
internal static class AppOptions
{
    /// <summary>
    /// Every setting the app is to have, besides AzureWebJobsStorage, in Section:Property form: the list used for
    /// sections whose options class does not exist yet.
    /// </summary>
    public static readonly IReadOnlySet<string> ExpectedSettings = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Storage:Prefix", "Site:BaseUrl", "Tokens:SigningKey", "SendGrid:ApiKey", "SendGrid:Host", "SendGrid:WebhookPublicKey",
        "Email:From", "Email:FromName", "Email:ReplyTo", "Email:PickupDirectory", "Reminders:Offsets", "FollowUp:Delay",
        "Retention:AnonymiseAfter", "Timers:Schedule",
    };

    /// <summary>Settings for local runs and tests only; Azure must not set them (a fake SendGrid host, .eml files).</summary>
    public static readonly IReadOnlySet<string> LocalOnlySettings = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "SendGrid:Host", "Email:PickupDirectory",
    };

    public static IReadOnlyList<Type> OptionsTypes { get; } = typeof(StorageOptions).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsSealed: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal))
        .Where(t => SectionOf(t) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<OptionSetting> Settings { get; } = OptionsTypes
        .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => new OptionSetting(SectionOf(type)!, p.Name, p.GetCustomAttribute<RequiredAttribute>() is not null, type)))
        .ToList();

    public static string? SectionOf(Type optionsType) =>
        optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
        && field.GetRawConstantValue() is string section
            ? section
            : null;

    /// <summary>Section:Property for an app setting name written with __.</summary>
    public static string ConfigurationKey(string appSettingName) => appSettingName.Replace("__", ":", StringComparison.Ordinal);
}
