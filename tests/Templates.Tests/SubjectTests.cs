
namespace GoodThings.Templates.Tests;

public sealed class SubjectTests
{
    [Theory]
    [InlineData("  Hello  \r\n  world \t ", "Hello world")]
    [InlineData("a\u2028b\u2029c\u0085d\u000Be", "a b c d e")]
    [InlineData("a\u202Eb\u2066c", "abc")]
    public void WhitespaceAndControlCharactersCollapseToSingleSpaces(string rendered, string expected)
    {
        Assert.Equal(expected, Subject.Clean(rendered));
    }

    [Fact]
    public void ALongSubjectIsCutAtAWordAndMarked()
    {
        var rendered = string.Join(' ', Enumerable.Repeat("word", 60));

        var subject = Subject.Clean(rendered);

        Assert.True(subject.Length <= Subject.MaxLength);
        Assert.EndsWith("word…", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void ACutNeverSplitsASurrogatePair()
    {
        var rendered = new string('x', Subject.MaxLength - 2) + string.Concat(Enumerable.Repeat("😀", 10));

        var subject = Subject.Clean(rendered);

        Assert.False(char.IsHighSurrogate(subject[^2]));
        Assert.True(subject.Length <= Subject.MaxLength);
    }
}
