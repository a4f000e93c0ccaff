namespace GoodThings.Templates.Emails;

/// <summary>Why an email reached someone, shown in every footer.</summary>
internal static class FooterReasons
{
    public static string Registered(EventDetails details) =>
        $"You're receiving this email because you registered for {details.Title}.";

    public const string Subscribed = "You're receiving this email because you subscribed to our updates.";

    public const string AskedToSubscribe =
        "You're receiving this email because someone asked to subscribe this address to our updates. If it wasn't you, ignore it and nothing will happen.";
}
