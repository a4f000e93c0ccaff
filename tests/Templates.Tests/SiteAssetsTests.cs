using System.Text;

namespace GoodThings.Templates.Tests;

public sealed class SiteAssetsTests
{
    [Fact]
    public void TheStylesheetIsServedAsUtf8Css()
    {
        var found = SiteAssets.TryGet("site.css", out byte[]? content, out var contentType);

        Assert.True(found);
        Assert.Equal("text/css; charset=utf-8", contentType);
        Assert.Contains(".skip-link", Encoding.UTF8.GetString(content!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope.css")]
    [InlineData("../GoodThings.Templates.dll")]
    [InlineData("Assets/site.css")]
    [InlineData("SITE.CSS")]
    [InlineData("")]
    public void AnythingElseIsNotFound(string name)
    {
        Assert.False(SiteAssets.TryGet(name, out byte[]? _, out _));
    }

    [Fact]
    public void ACallerCannotChangeWhatOthersAreServed()
    {
        SiteAssets.TryGet("site.css", out byte[]? first, out _);
        Array.Clear(first!);

        SiteAssets.TryGet("site.css", out byte[]? second, out _);

        Assert.NotEqual(0, second![0]);
    }

    [Fact]
    public void AnAssetHasAStrongETagFromItsContent()
    {
        Assert.True(SiteAssets.TryGet("site.css", out SiteAsset? asset));

        Assert.Matches("^\"[0-9a-f]{32}\"$", asset.ETag);
        Assert.Equal(["site.css"], SiteAssets.Names);
    }

    [Fact]
    public void TheStylesheetLoadsNothingFromElsewhere()
    {
        SiteAssets.TryGet("site.css", out byte[]? content, out _);
        var css = Encoding.UTF8.GetString(content!);

        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", css, StringComparison.Ordinal);
        Assert.Contains("prefers-reduced-motion", css, StringComparison.Ordinal);
        Assert.Contains(":focus-visible", css, StringComparison.Ordinal);
    }
}
