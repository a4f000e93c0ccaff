namespace GoodThings.Templates.Pages;

/// <summary>
/// A public web page. A model is a record in this folder, marked <c>[Template("Name")]</c> and
/// rendered by <c>Name.html</c> inside the shared page layout.
/// </summary>
public interface IPageModel
{
    /// <summary>The page's own title; the layout adds the site name.</summary>
    string Title { get; }
}
