namespace GoodThings.Templates;

/// <summary>A template that does not parse, names something its model lacks, or fails to render.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException() { }

    public TemplateException(string message) : base(message) { }

    public TemplateException(string message, Exception innerException) : base(message, innerException) { }
}
