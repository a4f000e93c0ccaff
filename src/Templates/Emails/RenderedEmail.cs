namespace GoodThings.Templates.Emails;

/// <param name="Subject">One line: no control characters, at most 150 characters.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="Text">The plain-text alternative, lines ending in <c>\n</c>.</param>
public sealed record RenderedEmail(string Subject, string Html, string Text);
