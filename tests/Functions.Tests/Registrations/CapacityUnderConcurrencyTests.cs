
namespace GoodThings.Registrations;

public sealed class CapacityUnderConcurrencyTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task TwoHundredConcurrentRegistrationsForFiftySeatsThenTenCancellationsPromoteInOrder()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 50));
        var slug = created.GetProperty("slug").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        var people = Enumerable.Range(1, 200).Select(i => (Name: $"Person {i}", Email: $"person{i}-{id}@example.test")).ToList();

        var responses = await Task.WhenAll(people.Select(async p =>
        {
            var response = await EventsApi.RegisterAsync(fixture.App, slug, p.Name, p.Email);
            return (p.Email, response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var confirmed = responses.Where(r => r.Body.GetProperty("status").GetString() == "confirmed").ToList();
        var waitlisted = responses.Where(r => r.Body.GetProperty("status").GetString() == "waitlisted").ToList();
        Assert.Equal(50, confirmed.Count);
        Assert.Equal(150, waitlisted.Count);
        Assert.Equal(Enumerable.Range(1, 150), waitlisted.Select(r => r.Body.GetProperty("waitlistPosition").GetInt32()).Order());
        var counts = (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts");
        Assert.Equal(50, counts.GetProperty("confirmed").GetInt32());
        Assert.Equal(150, counts.GetProperty("waitlisted").GetInt32());
        Assert.Equal(0, counts.GetProperty("remaining").GetInt32());

        // Each person gets exactly one email: confirmation (with calendar) or waitlist.
        var emails = await fixture.SendGrid.WaitForAcceptedAsync(200, TimeSpan.FromMinutes(2), where: c => c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)));
        await Settle.EmailsAsync(fixture.App);
        emails = [.. fixture.SendGrid.Accepted.Where(c => c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)))];
        Assert.Equal(200, emails.Count);
        Assert.All(people, p => Assert.Single(emails.To(p.Email)));
        Assert.All(confirmed, r => Assert.Equal(RegistrationEmails.Confirmed, Assert.Single(emails.To(r.Email)).Kind()));
        Assert.All(waitlisted, r => Assert.Equal(RegistrationEmails.Waitlisted, Assert.Single(emails.To(r.Email)).Kind()));
        Assert.All(confirmed, r => Assert.NotNull(Assert.Single(emails.To(r.Email)).Body["attachments"]));

        // Ten confirmed people cancel at once: positions 1..10 are promoted, each told once with a calendar file.
        var cancellers = confirmed.Take(10).Select(r => emails.To(r.Email).Single().ManageToken()).ToList();
        var cancellations = await Task.WhenAll(cancellers.Select(token => fixture.App.Client.PostAsync($"api/registrations/{token}/cancel", null)));
        Assert.All(cancellations, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));

        var firstTen = waitlisted.Where(r => r.Body.GetProperty("waitlistPosition").GetInt32() <= 10).Select(r => r.Email).ToHashSet(StringComparer.Ordinal);
        var promotions = await fixture.SendGrid.WaitForAcceptedAsync(10, TimeSpan.FromMinutes(2), where: c => c.Kind() == RegistrationEmails.Promoted && c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)));
        await Settle.EmailsAsync(fixture.App);
        promotions = [.. fixture.SendGrid.Accepted.Where(c => c.Kind() == RegistrationEmails.Promoted && c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)))];
        Assert.Equal(firstTen.Order(), promotions.SelectMany(p => p.Recipients).Order());
        Assert.All(promotions, p => Assert.Contains("method=REQUEST", (string?)p.Body["attachments"]![0]!["type"], StringComparison.Ordinal));
        counts = (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts");
        Assert.Equal(50, counts.GetProperty("confirmed").GetInt32());
        Assert.Equal(140, counts.GetProperty("waitlisted").GetInt32());

        var stillWaiting = waitlisted.First(r => r.Body.GetProperty("waitlistPosition").GetInt32() == 11);
        var view = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{emails.To(stillWaiting.Email).Single().ManageToken()}");
        Assert.Equal(1, view.GetProperty("waitlistPosition").GetInt32());
    }
}
