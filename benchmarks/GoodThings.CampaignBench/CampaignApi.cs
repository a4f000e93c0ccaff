using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GoodThings.LocalRunner.Hosting;

namespace GoodThings.CampaignBench;

/// <summary>What an organiser does over HTTP: create a plain campaign (no topics: everyone), send it, and watch it until sent.</summary>
public sealed class CampaignApi(Uri baseAddress) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _client = new() { BaseAddress = baseAddress, DefaultRequestHeaders = { { FunctionKeys.Header, BenchSettings.FunctionKey } } };

    public async Task<string> CreateAsync()
    {
        using var response = await _client.PostAsJsonAsync("api/manage/campaigns", new
        {
            subject = "Good things this month",
            preheader = "Three events, one new venue",
            body = "## This month\n\nThree events are coming up, and one of them is in a new venue.\n\n- A workshop\n- A talk\n- A picnic\n\nSee you there!",
        });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public async Task SendAsync(string id)
    {
        using var response = await _client.PostAsync($"api/manage/campaigns/{id}/send", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Polls every half second until the campaign is sent; returns when its audience was first seen taken (null if
    /// only once sent). Fails when it is not sent within <paramref name="timeout"/>.
    /// </summary>
    public async Task<DateTimeOffset?> WaitUntilSentAsync(string id, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        DateTimeOffset? audienceTaken = null;
        while (await GetAsync(id) is var campaign && (string)campaign["status"]! != "sent")
        {
            if (audienceTaken is null && (int)campaign["counts"]!["recipients"]! > 0)
            {
                audienceTaken = DateTimeOffset.UtcNow;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Campaign {id} was not sent within {timeout}.");
            }

            await Task.Delay(PollInterval);
        }

        return audienceTaken;
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonObject> GetAsync(string id)
    {
        using var response = await _client.GetAsync($"api/manage/campaigns/{id}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
