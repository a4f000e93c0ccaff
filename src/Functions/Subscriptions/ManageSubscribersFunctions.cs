namespace GoodThings.Subscriptions;

/// <summary>Organisers' view of the mailing list (function key): a page at a time as JSON, or all of it as CSV; and one person's data, exported or erased.</summary>
public sealed class ManageSubscribersFunctions(SubscriberListing listing, PersonalData personalData, Erasure erasure, IdempotentRequests idempotent, AuditLog audit)
{
    private const int DefaultPageSize = 100;

    [Function("ManageListSubscribers")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/subscribers")] HttpRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (Read(request.Query, validator) is not { } query)
        {
            return Problems.Validation(validator.Errors);
        }

        var wantsCsv = string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
                       || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        return wantsCsv
            ? new FileContentResult(await listing.CsvAsync(query, cancellationToken), "text/csv; charset=utf-8") { FileDownloadName = "subscribers.csv" }
            : new OkObjectResult(await listing.PageAsync(query, cancellationToken));
    }

    /// <summary>Everything held about an address, for an organiser answering a request that reached them by email.</summary>
    [Function("ManageExportSubscriber")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/subscribers/export")] HttpRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var email = validator.Email("email", request.Query["email"].ToString() is { Length: > 0 } given ? given : null);
        return validator.IsValid
            ? new OkObjectResult(await personalData.ExportOfAsync(email!, cancellationToken))
            : Problems.Validation(validator.Errors);
    }

    /// <summary>Erases everything held about an address, for an organiser answering a request that reached them by email.</summary>
    [Function("ManageEraseSubscriber")]
    public Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/erasures")] HttpRequest request, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => EraseAsync(request, cancellationToken), cancellationToken);

    private async Task<IActionResult> EraseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await JsonRequests.ReadValidAsync<ErasureBody, string>(request, (body, v) => body.Validate(v), cancellationToken);
        if (!input.Succeeded)
        {
            return input.Problem!;
        }

        if (await erasure.EraseOfAsync(input.Value!, cancellationToken) is not { } summary)
        {
            return Problems.NotFound("Nothing is held about this address: no subscription, no registration.");
        }

        // Recorded here, where the organiser is known (a person's own erasure link is not an organiser's change), and
        // by what it did only: the address it erased must not outlive the erasure in the log.
        await audit.RecordAsync(Actor.ManagementKey, AuditActions.ErasureRequested, details: new Dictionary<string, string>
        {
            ["subscriptionDeleted"] = summary.SubscriptionDeleted ? "true" : "false",
            ["registrationsCancelled"] = summary.RegistrationsCancelled.ToString(CultureInfo.InvariantCulture),
            ["registrationsAnonymised"] = summary.RegistrationsAnonymised.ToString(CultureInfo.InvariantCulture),
            ["invitationsDeleted"] = summary.InvitationsDeleted.ToString(CultureInfo.InvariantCulture),
        });
        return new OkObjectResult(summary);
    }

    private static SubscriberQuery? Read(IQueryCollection query, Validator v)
    {
        SubscriberStatus? status = query["status"].ToString() switch
        {
            "" => null,
            "pending" => SubscriberStatus.Pending,
            "subscribed" => SubscriberStatus.Subscribed,
            "unsubscribed" => SubscriberStatus.Unsubscribed,
            _ => Invalid(v, "status", "must be pending, subscribed or unsubscribed"),
        };
        var topic = query.ContainsKey("topic") ? v.Topics("topic", [query["topic"].ToString()]).FirstOrDefault() : null;
        var pageSize = DefaultPageSize;
        if (query.ContainsKey("pageSize") && (!int.TryParse(query["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > SubscriberQuery.MaxPageSize))
        {
            v.Add("pageSize", $"must be a whole number from 1 to {SubscriberQuery.MaxPageSize}");
        }

        var after = query["after"].ToString() is { Length: > 0 } key ? key : null;
        if (after is not null && (after.Length != 64 || !after.All(char.IsAsciiHexDigitLower)))
        {
            v.Add("after", "must be the next value of a previous page");
        }

        return v.IsValid ? new SubscriberQuery(status, topic, pageSize, after) : null;
    }

    private static SubscriberStatus? Invalid(Validator v, string field, string message)
    {
        v.Add(field, message);
        return null;
    }
}
