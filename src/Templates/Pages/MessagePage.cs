namespace GoodThings.Templates.Pages;

/// <summary>
/// A short page that tells the person one thing: "Thanks – check your email to confirm",
/// "This link is not valid". It ends with a link to the upcoming events.
/// </summary>
/// <param name="Title">The page's heading and title: "Check your email".</param>
/// <param name="Message">One paragraph of plain text.</param>
[Template("Message")]
public sealed record MessagePage(string Title, string Message) : IPageModel;
