
namespace GoodThings.Web;

public sealed class HostileNamesOnPagesTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Theory]
    [InlineData("Zoë \"Zed\" O'Neil & Co", "Zoë &quot;Zed&quot; O&#39;Neil &amp; Co")]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "=HYPERLINK(&quot;http://evil.example&quot;)")]
    [InlineData("Ali \u202Egnp.exe", "Ali gnp.exe")]
    public async Task HostileNameIsEscapedOnTheManagePage(string name, string expected)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var email = $"hostile-{Guid.NewGuid():N}@example.test";
        (await EventsApi.RegisterAsync(fixture.App, created.GetProperty("slug").GetString()!, name, email)).EnsureSuccessStatusCode();
        var token = (await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email))).Single().ManageToken();

        var html = await fixture.App.Client.GetStringAsync($"registrations/{token}");

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain(name, html, StringComparison.Ordinal);
    }
}
