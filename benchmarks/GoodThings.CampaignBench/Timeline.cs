namespace GoodThings.CampaignBench;

/// <summary>Where a run's wall time went, counted from the send request.</summary>
public static class Timeline
{
    public static string Of(DateTimeOffset sent, TimeSpan wall, DateTimeOffset? audienceTaken, FakeSendGridApi fake)
    {
        var (first, last) = fake.CallsBetween;
        var audience = audienceTaken is { } taken ? $"audience taken by {(taken - sent).TotalSeconds:F0} s, " : "";
        return $"{wall.TotalSeconds:F1} s ({audience}SendGrid calls {(first - sent).TotalSeconds:F0}–{(last - sent).TotalSeconds:F0} s)";
    }
}
