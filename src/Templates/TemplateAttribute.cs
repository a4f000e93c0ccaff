namespace GoodThings.Templates;

/// <summary>
/// Names the template a model renders with: <c>[Template("RegistrationConfirmed")]</c> on an email model
/// means <c>Emails/RegistrationConfirmed.{subject,html,text}.scriban</c>; on a page model,
/// <c>Pages/NotFound.html.scriban</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TemplateAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
