namespace GoodThings.CampaignBench;

/// <summary>Where a run's wall time went, counted from the send request.</summary>
public static class Timeline
{
    public static string Of(DateTimeOffset sent, TimeSpan wall, FakeSendGridApi fake, params (string What, DateTimeOffset? At)[] milestones)
    {
        var (first, last) = fake.CallsBetween;
        var marks = milestones.Where(m => m.At is not null).Select(m => $"{m.What} by {(m.At!.Value - sent).TotalSeconds:F0} s, ");
        return $"{wall.TotalSeconds:F1} s ({string.Concat(marks)}SendGrid calls {(first - sent).TotalSeconds:F0}–{(last - sent).TotalSeconds:F0} s)";
    }
}
