using System.Reflection;
using GoodThings.Audit;

namespace GoodThings.OrganiserConsole;

/// <summary>The audit page's sentences: one for every action the log records, worded from the entry's details.</summary>
public sealed class ConsoleAuditLogUnitTests
{
    public static TheoryData<string> Actions =>
        [.. typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!)];

    [Theory]
    [MemberData(nameof(Actions))]
    public void EveryActionTheLogRecordsHasASentence(string action)
    {
        var sentence = ConsoleAuditLog.Describe(action, new Dictionary<string, string>());

        Assert.NotEqual(action, sentence);
        Assert.True(char.IsUpper(sentence[0]), sentence);
    }

    [Theory]
    [InlineData(AuditActions.EventPublished, "announce", "true", "Published the event (announced to subscribers)")]
    [InlineData(AuditActions.EventPublished, "announce", "false", "Published the event")]
    [InlineData(AuditActions.CampaignTestSent, "copies", "1", "Sent 1 test copy of the campaign")]
    [InlineData(AuditActions.CampaignTestSent, "copies", "3", "Sent 3 test copies of the campaign")]
    [InlineData(AuditActions.InvitationsSent, "invited", "2", "Invited 2 people")]
    [InlineData(AuditActions.InvitationReminded, "reminded", "1", "Reminded 1 invited person")]
    public void TheSentenceSaysWhatTheDetailsRecord(string action, string key, string value, string expected) =>
        Assert.Equal(expected, ConsoleAuditLog.Describe(action, new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void AMessageSaysHowManyItReachedAndWhichAudience() =>
        Assert.Equal("Messaged 12 people (no-shows)", ConsoleAuditLog.Describe(AuditActions.MessageSent, new Dictionary<string, string> { ["recipients"] = "12", ["audience"] = "noShows" }));

    [Fact]
    public void AnActionFromANewerVersionIsShownByItsName() =>
        Assert.Equal("event.teleported", ConsoleAuditLog.Describe("event.teleported", new Dictionary<string, string>()));
}
