using GoodThings.TestSupport.Browser;

namespace GoodThings.Templates.Tests.Browser;

/// <summary>What a keyboard user meets: the skip link first, a visible focus on every stop, errors read first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture, SamplePagesFixture pages)
{
    // Describes the focused element, whether focus changes how it looks (an outline, a box shadow or a
    // background that it lacks unfocused), and its target's size: a checkbox's target takes in its label.
    private const string Focused = """
        () => {
          const e = document.activeElement;
          const look = () => {
            const s = getComputedStyle(e);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
            return { outline: outline ? s.outlineColor + s.outlineWidth : 'none', shadow: s.boxShadow, background: s.backgroundColor };
          };
          const focused = look();
          e.blur();
          const unfocused = look();
          e.focus();
          const s = getComputedStyle(e);
          const target = e.type === 'checkbox' ? (e.closest('.checkbox') || e) : e;
          const r = target.getBoundingClientRect();
          return {
            tag: e.tagName.toLowerCase(), id: e.id, text: (e.textContent || '').trim().slice(0, 40),
            marked: (focused.outline !== 'none' && focused.outline !== unfocused.outline)
              || focused.shadow !== unfocused.shadow || focused.background !== unfocused.background,
            visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.left < innerWidth,
            inline: s.display === 'inline',
            height: r.height
          };
        }
        """;

    [Fact]
    public async Task TheFirstTabStopIsAVisibleSkipLinkToTheMainContent()
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl("Home"), 320);

        await page.Page.Keyboard.PressAsync("Tab");
        var focused = await page.Page.EvaluateAsync<FocusedElement>(Focused);
        var box = await page.Page.Locator(".skip-link").BoundingBoxAsync();

        Assert.Equal("Skip to main content", focused.Text);
        Assert.True(focused.Marked);
        Assert.NotNull(box);
        Assert.True(box.Y >= 0, $"The focused skip link is off screen at y={box.Y}.");
    }

    [Theory]
    [InlineData("Event.Invalid")]
    [InlineData("Registration.ConfirmedOnline")]
    [InlineData("Home")]
    [InlineData("Subscribe.Invalid")]
    [InlineData("Preferences.Saved")]
    [InlineData("ConfirmSubscription")]
    [InlineData("Erase")]
    [InlineData("Event.Invited")]
    [InlineData("DeclineInvitation.Invalid")]
    public async Task EveryTabStopShowsWhereFocusIsAndEveryControlIsLargeEnoughToUse(string name)
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl(name), 1280);
        // Start from the top, even where an error summary took focus. (Blurring the body would blur the window.)
        await page.Page.EvaluateAsync("() => { if (document.activeElement !== document.body) document.activeElement.blur(); }");

        var stops = new List<FocusedElement>();
        for (var i = 0; i < 60; i++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
            var focused = await page.Page.EvaluateAsync<FocusedElement>(Focused);
            if (focused.Tag == "body" || stops.Exists(stop => (stop.Tag, stop.Id, stop.Text) == (focused.Tag, focused.Id, focused.Text)))
            {
                break;
            }
            stops.Add(focused);
        }

        Assert.True(stops.Count > 3, $"Only {stops.Count} tab stops on {name}.");
        Assert.All(stops, stop => Assert.True(stop.Marked && stop.Visible, $"Focus on {stop} is not shown."));
        // Links within text are exempt (WCAG 2.5.8's inline exception); every other control is at least 44px tall.
        Assert.All(stops.Where(stop => !stop.Inline), stop => Assert.True(stop.Height >= 44, $"{stop} is less than 44px tall."));
        Assert.DoesNotContain(stops, stop => stop.Id == "website");
    }

    [Fact]
    public async Task AnErrorSummaryTakesFocusWithoutJavaScript()
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl("Event.Invalid"), 1280);

        var focused = await page.Page.EvaluateAsync<string>("() => document.activeElement.className");

        Assert.Equal("error-summary", focused);
    }

    [Theory]
    [InlineData("Event.Invalid", "email")]
    [InlineData("Subscribe.TooManyTopics", "topics")] // a group's link goes to its first checkbox
    [InlineData("DeclineInvitation.Invalid", "reason")]
    public async Task AnErrorSummaryLinkTakesThePersonToTheField(string name, string field)
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl(name), 1280);

        await page.Page.ClickAsync($".error-summary a[href='#{field}']");
        var focused = await page.Page.EvaluateAsync<string>("() => document.activeElement.id");

        Assert.Equal(field, focused);
    }

    private sealed record FocusedElement
    {
        public string Tag { get; init; } = "";

        public string Id { get; init; } = "";

        public string Text { get; init; } = "";

        public bool Marked { get; init; }

        public bool Visible { get; init; }

        public bool Inline { get; init; }

        public double Height { get; init; }
    }
}
