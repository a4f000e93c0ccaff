
namespace GoodThings.Templates.Tests;

public sealed class HostileInputTests
{
    private const string Script = "<script>alert('x')</script>";
    private const string RightToLeftOverride = "\u202E";

    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    private static RenderedEmail Render(string? name = null, string? title = null, string? messageSubject = null)
    {
        var details = Samples.InPerson with { Title = title ?? Samples.InPerson.Title };
        return Renderer.RenderEmail(new OrganiserMessage(
            name ?? "Ada", details, messageSubject ?? "Hello", "A message.", "https://events.example.org/registrations/tok"));
    }

    [Fact]
    public void MarkupInANameIsEscapedInHtml()
    {
        var email = Render(name: $"{Script} & \"Bob\"");

        Assert.DoesNotContain(Script, email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bob&quot;", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkupInANameStaysVerbatimInText()
    {
        var email = Render(name: $"{Script} & \"Bob\"");

        Assert.Contains($"Hi {Script} & \"Bob\",", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotesInAValueCannotLeaveAnAttribute()
    {
        var email = Renderer.RenderEmail(new RegistrationConfirmed(
            "Ada", Samples.InPerson, "https://events.example.org/registrations/tok\" onclick=\"alert(1)"));

        Assert.Contains("href=\"https://events.example.org/registrations/tok&quot; onclick=&quot;alert(1)\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void LineBreaksInASubjectBecomeOneSpace()
    {
        var email = Render(messageSubject: "Hello\r\nBcc: everyone@example.org\n\u2028\u2029\u0085next");

        Assert.Equal("Hello Bcc: everyone@example.org next", email.Subject);
    }

    [Fact]
    public void LineBreaksInAnEventTitleDoNotReachTheSubject()
    {
        var email = Renderer.RenderEmail(new RegistrationConfirmed(
            "Ada", Samples.InPerson with { Title = "Net zero\r\nBcc: everyone@example.org" }, "https://events.example.org/r/t"));

        Assert.Equal("You're registered: Net zero Bcc: everyone@example.org", email.Subject);
    }

    [Fact]
    public void RightToLeftOverridesAreRemovedEverywhere()
    {
        var email = Render(name: $"Ada{RightToLeftOverride}evil", title: $"Talk{RightToLeftOverride}fdp.exe", messageSubject: $"Hi{RightToLeftOverride}there");

        Assert.DoesNotContain(RightToLeftOverride, email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(RightToLeftOverride, email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(RightToLeftOverride, email.Text, StringComparison.Ordinal);
        Assert.Contains("Hi Adaevil,", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RightToLeftMarksInNamesAreKept()
    {
        var name = "\u05E9\u05E8\u05D4 \u200F(Sarah)";

        var email = Render(name: name);

        Assert.Contains(name, email.Html, StringComparison.Ordinal);
        Assert.Contains(name, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlCharactersInANameAreRemoved()
    {
        var email = Render(name: "Ada\u0000\u001B[31m\u0007");

        Assert.Contains("Hi Ada[31m,", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', email.Html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void APersonWithoutANameIsGreetedWithoutOne(string? name)
    {
        var email = Renderer.RenderEmail(new RegistrationCancelled(name, Samples.InPerson));

        Assert.Contains("<p>Hello,</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("\nHello,\n", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AVeryLongNameRendersWholeAndTheSubjectStaysShort()
    {
        var name = new string('A', 10_000);

        var email = Render(name: name, messageSubject: new string('S', 10_000));

        Assert.Contains(name, email.Html, StringComparison.Ordinal);
        Assert.Contains(name, email.Text, StringComparison.Ordinal);
        Assert.True(email.Subject.Length <= 150, $"Subject has {email.Subject.Length} characters.");
        Assert.EndsWith("…", email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkThatIsNotHttpIsRefused()
    {
        var model = new RegistrationConfirmed("Ada", Samples.Online, "https://events.example.org/r/t", JoinUrl: "javascript:alert(1)");

        var error = Assert.Throws<TemplateException>(() => Renderer.RenderEmail(model));

        Assert.Contains("JoinUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkupInAnInvitationsMessageIsEscapedInHtmlAndVerbatimInText()
    {
        var email = Renderer.RenderEmail(new Invitation("Ada", Samples.InPerson, "https://events.example.org/a", "https://events.example.org/d",
            Samples.InPerson.StartsAt, "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> **welcome**"));

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>welcome</strong>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Hello <script>alert(1)</script> <img src=x onerror=alert(1)> **welcome**", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "https://events.example.org/d", "AcceptUrl")]
    [InlineData("https://events.example.org/a", "/invitations/tok/decline", "DeclineUrl")]
    public void AnInvitationsLinksMustBeAbsoluteHttp(string acceptUrl, string declineUrl, string member)
    {
        var model = new Invitation("Ada", Samples.InPerson, acceptUrl, declineUrl, Samples.InPerson.StartsAt);

        var error = Assert.Throws<TemplateException>(() => Renderer.RenderEmail(model));

        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkInsideTheEventMustBeHttpToo()
    {
        var model = new RegistrationCancelled("Ada", Samples.InPerson with { Url = "data:text/html,<script>alert(1)</script>" });

        Assert.Throws<TemplateException>(() => Renderer.RenderEmail(model));
    }
}
