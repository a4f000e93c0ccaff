namespace GoodThings.Templates.Tests;

/// <summary>Samples of the console's audit log and newsletter pages, in every state; <see cref="PageSamples.Pages"/> lists them.</summary>
internal static class NewsPageSamples
{
    public const string CampaignPath = "/console/newsletter/campaigns/c_5e1a";

    public const string PreviewPath = CampaignPath + "/preview";

    private static ConsoleHeader Header => PageSamples.ConsoleHeader;

    public static readonly ConsoleTimeZoneChoice[] TimeZones =
        [new("America/New_York", false), new("Etc/UTC", false), new("Europe/London", true), new("Europe/Paris", false)];

    private static readonly ConsoleAuditRow[] AuditRows =
    [
        new("Tuesday 3 March 2026, 6:42pm (UTC)", "2026-03-03T18:42:10Z", "Ada Lovelace", "Published the event (announced to subscribers)",
            PageSamples.InPerson.Title, "/console/events/ev_7k2m", [], []),
        new("Tuesday 3 March 2026, 6:30pm (UTC)", "2026-03-03T18:30:02Z", "management key", "Changed the event",
            PageSamples.InPerson.Title, "/console/events/ev_7k2m",
            [new("capacity", "40", "60", true), new("venue", null, "The Guildhall", true), new("description", null, null, false)], []),
        new("Monday 2 March 2026, 9am (UTC)", "2026-03-02T09:00:00Z", "Organiser (key)", "Scheduled the campaign",
            "Spring round-up: what worked", CampaignPath, [], ["Send at Tuesday 10 March 2026, 9am (UTC)"]),
        new("Sunday 1 March 2026, 11:15am (UTC)", "2026-03-01T11:15:00Z", "management key", "Erased a person's data", null, null, [],
            ["Subscription deleted", "2 registrations cancelled", "0 registrations anonymised", "0 invitations deleted"]),
    ];

    private static readonly ConsoleCampaignCounts NoCounts = new(0, 0, 0, 0, 0, 0, 0, 0);

    private static ConsoleCampaignPage Draft => new(
        Header, CampaignPath, "Spring round-up: what worked", "Start small, ask early, share the numbers.", ["net zero", "housing"], "Draft",
        "Tuesday 10 March 2026, 9am (London time, UTC)", "Monday 2 March 2026, 8:55am (London time, UTC)", NoCounts, PreviewPath,
        CanEdit: true, CanSchedule: true, CanCancel: true, TimeZones)
    {
        ScheduleWhen = "now",
    };

    public static CampaignForm CampaignForm => new()
    {
        Subject = "Spring round-up: what worked",
        Preheader = "Start small, ask early, share the numbers.",
        Body = "Hello,\n\n## What worked\n\n- Starting small\n- Asking early",
        Topics = [new("delivery", false), new("housing", true), new("net zero", true)],
        SendAt = "2026-03-10T09:00",
        TimeZones = TimeZones,
    };

    public static readonly IReadOnlyDictionary<string, IPageModel> Pages = new Dictionary<string, IPageModel>
    {
        ["Console.Audit"] = new ConsoleAuditPage(Header, AuditRows, "/console/audit?after=2520752895999999999%7C4f0c2b6a9d8e4f1aa3b5c7d9e1f30a52", false, "/console/audit"),
        ["Console.Audit.Older"] = new ConsoleAuditPage(Header, AuditRows[2..], null, true, "/console/audit"),
        ["Console.Audit.Empty"] = new ConsoleAuditPage(Header, [], null, false, "/console/audit"),
        ["Console.Audit.Event"] = new ConsoleAuditPage(Header, AuditRows[..2], null, false, "/console/events/ev_7k2m/audit",
            PageSamples.InPerson.Title, "/console/events/ev_7k2m"),
        ["Console.Newsletter"] = new ConsoleNewsletterPage(Header, new ConsoleTopicCount(null, 12, 340, 27),
            [new("housing", 3, 120, 9), new("net zero", 5, 98, 4), new(null, 4, 150, 14)],
            [
                new("Spring round-up: what worked", CampaignPath, "Draft", null, "Monday 2 March 2026, 8:55am (London time, UTC)", null),
                new("Winter round-up", "/console/newsletter/campaigns/c_1b7f", "Sent", "Tuesday 9 December 2025, 9am (London time, UTC)",
                    "Monday 1 December 2025, 4:10pm (London time, UTC)", 312),
            ]),
        ["Console.Newsletter.Empty"] = new ConsoleNewsletterPage(Header, new ConsoleTopicCount(null, 0, 0, 0), [new(null, 0, 0, 0)], []),
        ["Console.CampaignForm"] = new ConsoleCampaignFormPage(Header, new CampaignForm
        {
            Topics = [new("delivery", false), new("housing", false), new("net zero", false)],
            TimeZones = TimeZones,
        }, "/console/newsletter/campaigns/new"),
        ["Console.CampaignForm.Invalid"] = new ConsoleCampaignFormPage(Header, CampaignForm with
        {
            Subject = "",
            Body = "Hello gt-placeholder-name",
            Errors =
            [
                new FieldError(CampaignFields.Subject, "Subject is required"),
                new FieldError(CampaignFields.Body, "Body must not contain \"gt-placeholder-\", which the app uses for each person's details"),
                new FieldError(CampaignFields.SendAt, "Send at does not exist in that time zone: the clocks go forward then"),
            ],
        }, "/console/newsletter/campaigns/new"),
        ["Console.CampaignForm.Edit"] = new ConsoleCampaignFormPage(Header, CampaignForm, CampaignPath + "/edit", CampaignPath),
        ["Console.CampaignForm.NoTopics"] = new ConsoleCampaignFormPage(Header, CampaignForm with { Topics = [] }, "/console/newsletter/campaigns/new"),
        ["Console.Campaign"] = Draft with { Notice = "created" },
        ["Console.Campaign.TestSent"] = Draft with { Notice = "test-sent" },
        ["Console.Campaign.TestInvalid"] = Draft with
        {
            TestEmails = "ada@example.org, not-an-address",
            Errors = [new FieldError(CampaignFields.Emails, "Test address 2 must be an email address")],
        },
        ["Console.Campaign.ScheduleInvalid"] = Draft with
        {
            ScheduleWhen = "later",
            ScheduleSendAt = "2020-01-01T09:00",
            Errors = [new FieldError(CampaignFields.SendAt, "Send at must be in the future; choose \"Send now\" to send it now")],
        },
        ["Console.Campaign.Scheduled"] = Draft with
        {
            Status = "Scheduled",
            CanEdit = false,
            Notice = "scheduled",
            ScheduleWhen = "later",
            ScheduleSendAt = "2026-03-10T09:00",
        },
        ["Console.Campaign.Sending"] = Draft with
        {
            Status = "Sending",
            CanEdit = false,
            CanSchedule = false,
            Notice = "sending",
            Counts = new ConsoleCampaignCounts(340, 200, 0, 150, 40, 12, 1, 0),
        },
        ["Console.Campaign.Sent"] = Draft with
        {
            Status = "Sent",
            CanEdit = false,
            CanSchedule = false,
            CanCancel = false,
            Counts = new ConsoleCampaignCounts(340, 338, 2, 331, 190, 77, 3, 2),
        },
        ["Console.Campaign.Cancelled"] = Draft with { Status = "Cancelled", CanEdit = false, CanSchedule = false, CanCancel = false, Notice = "cancelled" },
        ["Console.Campaign.Conflict"] = Draft with
        {
            Status = "Sent",
            CanEdit = false,
            CanSchedule = false,
            CanCancel = false,
            Problem = "Every batch of the campaign has gone out; there is nothing left to stop.",
        },
    };
}
