namespace GoodThings.Templates.Pages;

[Template("NotFound")]
public sealed record NotFoundPage : IPageModel
{
    public string Title => "Page not found";
}
