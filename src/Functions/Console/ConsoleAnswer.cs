namespace GoodThings.OrganiserConsole;

/// <summary>What a console page operation comes to; the trigger class turns it into the HTTP answer.</summary>
public abstract record ConsoleAnswer
{
    private ConsoleAnswer()
    {
    }

    /// <summary>A page to render, with its status (400 for a form with errors, 409 for a refusal).</summary>
    public sealed record Page(IPageModel Model, int Status = 200) : ConsoleAnswer;

    /// <summary>Done: on to this path (post/redirect/get).</summary>
    public sealed record Redirect(string Path) : ConsoleAnswer;

    public sealed record NotFound : ConsoleAnswer;

    /// <summary>A one-sentence page saying why nothing was changed, with a link back to the event.</summary>
    public static ConsoleAnswer Refused(int status, string title, string message, string backPath) =>
        new Page(new ConsoleMessagePage(title, message, backPath, "Back to the event"), status);
}
