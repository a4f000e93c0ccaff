using static GoodThings.Invitations.InvitationsApi;

namespace GoodThings.Invitations;

/// <summary>Organisers invite people; each gets one invitation with personal links, and their answers are tracked.</summary>
public sealed class InvitationTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task AThousandInviteesByCsvGetExactlyOneInvitationEachAndARepeatSendsNothing()
    {
        var (id, _) = await EventAsync();
        var invitees = Enumerable.Range(1, 1000).Select(i => (Name: $"Guest {i}", Email: EventsApi.Address($"guest{i}", id))).ToList();

        var response = await InviteCsvAsync(fixture.App, id, Csv(invitees), message: "Do come: **bring a colleague**.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1000, summary.GetProperty("invited").GetInt32());
        Assert.Equal(1000, summary.GetProperty("rows").GetArrayLength());
        Assert.All(summary.GetProperty("rows").EnumerateArray(), row => Assert.Equal("invited", row.GetProperty("result").GetString()));
        var emails = await InvitationsToAsync(fixture, [.. invitees.Select(i => i.Email)]);
        Assert.Equal(1000, emails.Count);
        Assert.All(invitees, i => Assert.Single(emails.To(i.Email)));
        var one = emails.To(invitees[0].Email).Single();
        Assert.Contains("<strong>bring a colleague</strong>", one.Html(), StringComparison.Ordinal);
        Assert.Null(one.Body["attachments"]);

        var again = await InviteCsvAsync(fixture.App, id, Csv(invitees));

        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, repeat.GetProperty("invited").GetInt32());
        Assert.Equal(1000, repeat.GetProperty("alreadyInvited").GetInt32());
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(1000, fixture.SendGrid.Accepted.Count(c => c.IsInvitation() && c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal))));
        var tracking = await TrackingAsync(fixture.App, id);
        Assert.Equal(1000, tracking.GetProperty("totals").GetProperty("invited").GetInt32());
        Assert.Equal(1000, tracking.GetProperty("totals").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task EveryRowIsReportedAndBadRowsNeverStopTheGoodOnes()
    {
        var (id, slug) = await EventAsync();
        var registered = EventsApi.Address("registered", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Already Here", registered);
        var first = EventsApi.Address("first", id);
        await InvitedAsync(fixture.App, id, [("First", first)]);
        var fresh = EventsApi.Address("fresh", id);

        var summary = await InvitedAsync(fixture.App, id, [("Fresh", fresh), ("First", first), ("Here", registered.ToUpperInvariant()), ("Nobody", "not-an-address"), ("Twice", fresh)]);

        var rows = summary.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(["invited", "already invited", "already registered", "invalid", "invalid"], rows.Select(r => r.GetProperty("result").GetString()));
        Assert.Contains("email", rows[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("repeats row 1", rows[4].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((1, 1, 1, 2), (summary.GetProperty("invited").GetInt32(), summary.GetProperty("alreadyInvited").GetInt32(), summary.GetProperty("alreadyRegistered").GetInt32(), summary.GetProperty("invalid").GetInt32()));
        var emails = await InvitationsToAsync(fixture, [first, fresh]);
        Assert.Single(emails.To(fresh));
        Assert.Single(emails.To(first));
        Assert.DoesNotContain(fixture.SendGrid.Accepted.To(registered), c => c.IsInvitation());
    }

    [Fact]
    public async Task AcceptingRegistersTheInviteeAndTheirConfirmationBringsTheCalendarFile()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        var ada = EventsApi.Address("ada", id);
        var grace = EventsApi.Address("grace", id);
        await InvitedAsync(fixture.App, id, [("Ada Lovelace", ada), ("Grace Hopper", grace)]);
        var invitations = await InvitationsToAsync(fixture, [ada, grace]);

        var accepted = await AcceptAsync(fixture.App, slug, invitations.To(ada).Single().InvitationToken(), "Ada Lovelace", ada);
        var waitlisted = await AcceptAsync(fixture.App, slug, invitations.To(grace).Single().InvitationToken(), "Grace Hopper", grace);

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("confirmed", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, waitlisted.StatusCode);
        Assert.Equal("waitlisted", (await waitlisted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var tracking = await TrackingAsync(fixture.App, id);
        Assert.Equal("accepted", tracking.Invitee(ada).GetProperty("status").GetString());
        Assert.Equal("accepted", tracking.Invitee(grace).GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, tracking.Invitee(ada).GetProperty("respondedAt").ValueKind);
        Assert.Equal(2, tracking.GetProperty("totals").GetProperty("accepted").GetInt32());
        var confirmation = (await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed)).To(ada).Single();
        Assert.Contains("method=REQUEST", (string?)confirmation.Body["attachments"]![0]!["type"], StringComparison.Ordinal);
        var csv = await fixture.App.KeyedClient.GetStringAsync($"api/manage/events/{id}/registrations?format=csv");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",invited", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",true", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInvitationIsForItsOwnAddressAndEventOnly()
    {
        var (id, slug) = await EventAsync();
        var (otherId, otherSlug) = await EventAsync();
        var ada = EventsApi.Address("ada", id);
        await InvitedAsync(fixture.App, id, [("Ada", ada)]);
        var token = (await InvitationsToAsync(fixture, [ada])).Single().InvitationToken();

        var otherAddress = await AcceptAsync(fixture.App, slug, token, "Mallory", EventsApi.Address("mallory", id));
        var otherEvent = await AcceptAsync(fixture.App, otherSlug, token, "Ada", ada);
        var tampered = await AcceptAsync(fixture.App, slug, token[..^2] + "xx", "Ada", ada);

        Assert.Equal("/problems/invitation-other-address", (await EventsApi.AssertProblemAsync(otherAddress, 403)).GetProperty("type").GetString());
        Assert.Equal("/problems/invitation-invalid", (await EventsApi.AssertProblemAsync(otherEvent, 403)).GetProperty("type").GetString());
        await EventsApi.AssertProblemAsync(tampered, 403);
        Assert.Equal(0, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(0, (await EventsApi.GetManagedAsync(fixture.App, otherId)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal("pending", (await TrackingAsync(fixture.App, id)).Invitee(ada).GetProperty("status").GetString());
    }

    [Fact]
    public async Task DecliningIsRecordedOnlyByThePagesButtonWithItsReason()
    {
        var (id, _) = await EventAsync();
        var ada = EventsApi.Address("ada", id);
        await InvitedAsync(fixture.App, id, [("Ada", ada)]);
        var declinePath = (await InvitationsToAsync(fixture, [ada])).Single().DeclinePath();

        var page = await fixture.App.Client.GetAsync(declinePath.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Decline the invitation", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (await TrackingAsync(fixture.App, id)).Invitee(ada).GetProperty("status").GetString());

        var tooLong = await fixture.App.Client.PostAsync(declinePath.TrimStart('/'), new FormUrlEncodedContent([new("reason", new string('x', 201))]));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("pending", (await TrackingAsync(fixture.App, id)).Invitee(ada).GetProperty("status").GetString());

        var declined = await fixture.App.Client.PostAsync(declinePath.TrimStart('/'), new FormUrlEncodedContent([new("reason", "Away that week")]));

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var invitee = (await TrackingAsync(fixture.App, id)).Invitee(ada);
        Assert.Equal("declined", invitee.GetProperty("status").GetString());
        Assert.Equal("Away that week", invitee.GetProperty("declineReason").GetString());
        Assert.NotEqual(JsonValueKind.Null, invitee.GetProperty("respondedAt").ValueKind);
    }

    [Fact]
    public async Task ANudgeGoesOnceToThoseWhoHaveNotAnsweredAndNotAgainWithinADay()
    {
        var (id, slug) = await EventAsync();
        var (pending, accepting, declining, bounced) = (EventsApi.Address("pending", id), EventsApi.Address("accepting", id), EventsApi.Address("declining", id), EventsApi.Address("bounced", id));
        await InvitedAsync(fixture.App, id, [("Pending", pending), ("Accepting", accepting), ("Declining", declining), ("Bounced", bounced)]);
        var invitations = await InvitationsToAsync(fixture, [pending, accepting, declining, bounced]);
        (await AcceptAsync(fixture.App, slug, invitations.To(accepting).Single().InvitationToken(), "Accepting", accepting)).EnsureSuccessStatusCode();
        (await fixture.App.Client.PostAsync(invitations.To(declining).Single().DeclinePath().TrimStart('/'), new FormUrlEncodedContent([]))).EnsureSuccessStatusCode();
        await fixture.App.Services.GetRequiredService<Suppressions>().SuppressAsync(bounced, SuppressionScope.All, SuppressionReasons.Bounce, CancellationToken.None);

        var first = await fixture.App.KeyedClient.PostAsync($"{Url(id)}/remind", null);
        var second = await fixture.App.KeyedClient.PostAsync($"{Url(id)}/remind", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reminded").GetInt32());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reminded").GetInt32());
        var reminders = await InvitationsToAsync(fixture, [pending], InvitationEmails.ReminderKind);
        var ours = fixture.SendGrid.Accepted.Where(c => c.Kind() == InvitationEmails.ReminderKind && c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal))).ToList();
        Assert.Equal([pending], ours.SelectMany(c => c.Recipients));
        Assert.Contains("reminder", reminders.Single().Body["subject"]!.ToString(), StringComparison.OrdinalIgnoreCase);
        var totals = (await TrackingAsync(fixture.App, id)).GetProperty("totals");
        Assert.Equal((4, 1, 1, 1, 1), (totals.GetProperty("invited").GetInt32(), totals.GetProperty("pending").GetInt32(), totals.GetProperty("accepted").GetInt32(), totals.GetProperty("declined").GetInt32(), totals.GetProperty("bounced").GetInt32()));
    }

    [Fact]
    public async Task AnInviteOnlyEventIsListedNowhereAndRefusesRegistrationWithoutAnInvitation()
    {
        var body = EventsApi.EventBody();
        body["visibility"] = "inviteOnly";
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        Assert.Equal("inviteOnly", created.GetProperty("visibility").GetString());

        Assert.DoesNotContain(slug, await fixture.App.Client.GetStringAsync(""), StringComparison.Ordinal);
        Assert.DoesNotContain((await EventsApi.PublicEventsAsync(fixture.App)).EnumerateArray(), e => e.GetProperty("slug").GetString() == slug);
        Assert.DoesNotContain(slug, await fixture.App.Client.GetStringAsync("events.ics"), StringComparison.Ordinal);
        var page = await fixture.App.Client.GetStringAsync($"events/{slug}");
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Contains("invitation", page, StringComparison.OrdinalIgnoreCase);

        var anonymous = await EventsApi.RegisterAsync(fixture.App, slug, "Gatecrasher", EventsApi.Address("gatecrasher", id));
        var form = await fixture.App.Client.PostAsync($"events/{slug}", new FormUrlEncodedContent([new("name", "Gatecrasher"), new("email", EventsApi.Address("form", id))]));
        var announce = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = true });

        Assert.Equal("/problems/invitation-required", (await EventsApi.AssertProblemAsync(anonymous, 403)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        await EventsApi.AssertProblemAsync(announce, 409);
        Assert.Equal(0, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());

        var guest = EventsApi.Address("guest", id);
        await InvitedAsync(fixture.App, id, [("Guest", guest)]);
        var invitation = (await InvitationsToAsync(fixture, [guest])).Single();
        var invitedPage = await fixture.App.Client.GetStringAsync(invitation.AcceptPath().TrimStart('/'));
        Assert.Contains("name=\"invitation\"", invitedPage, StringComparison.Ordinal);
        Assert.Contains(guest, invitedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await AcceptAsync(fixture.App, slug, invitation.InvitationToken(), "Guest", guest)).StatusCode);
    }

    [Fact]
    public async Task MakingAnEventInviteOnlyTakesItOffTheListsAndMakingItPublicPutsItBack()
    {
        var (id, slug) = await EventAsync();
        async Task<bool> ListedAsync() => (await EventsApi.PublicEventsAsync(fixture.App)).EnumerateArray().Any(e => e.GetProperty("slug").GetString() == slug)
                                          && (await fixture.App.Client.GetStringAsync("")).Contains(slug, StringComparison.Ordinal);
        Assert.True(await ListedAsync());

        var hidden = await EventsApi.PatchAsync(fixture.App, id, new { visibility = "inviteOnly" });

        Assert.Equal("inviteOnly", (await hidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visibility").GetString());
        Assert.False(await ListedAsync());
        Assert.Equal("inviteOnly", (await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/events/{slug}")).GetProperty("visibility").GetString());

        (await EventsApi.PatchAsync(fixture.App, id, new { visibility = "public" })).EnsureSuccessStatusCode();

        Assert.True(await ListedAsync());
    }

    [Fact]
    public async Task InvitationsNeedAPublishedEventThatIsStillOpen()
    {
        var draft = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        var draftId = draft.GetProperty("id").GetString()!;
        var (cancelledId, _) = await EventAsync();
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{cancelledId}/cancel", new { reason = "Venue flooded" })).EnsureSuccessStatusCode();

        var toDraft = await InviteAsync(fixture.App, draftId, [("Ada", EventsApi.Address("ada", draftId))]);
        var toCancelled = await InviteAsync(fixture.App, cancelledId, [("Ada", EventsApi.Address("ada", cancelledId))]);
        var toNothing = await InviteAsync(fixture.App, "0123456789abcdef0123456789abcdef", [("Ada", "ada@example.test")]);

        Assert.Equal("/problems/event-not-published", (await EventsApi.AssertProblemAsync(toDraft, 409)).GetProperty("type").GetString());
        Assert.Equal("/problems/event-cancelled", (await EventsApi.AssertProblemAsync(toCancelled, 409)).GetProperty("type").GetString());
        await EventsApi.AssertProblemAsync(toNothing, 404);
        Assert.Equal(0, (await TrackingAsync(fixture.App, draftId)).GetProperty("totals").GetProperty("invited").GetInt32());
    }

    private async Task<(string Id, string Slug)> EventAsync(int? capacity = 50)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: capacity));
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
