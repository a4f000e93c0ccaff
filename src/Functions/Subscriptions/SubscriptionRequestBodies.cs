
namespace GoodThings.Subscriptions;

/// <summary>The JSON someone sends to subscribe.</summary>
public sealed class SubscribeBody
{
    public string? Email { get; set; }

    public string? Name { get; set; }

    public List<string?>? Topics { get; set; }

    public SubscriptionInput? Validate(Validator v)
    {
        var email = v.Email("email", Email);
        var name = v.Text("name", Name, 200);
        var topics = Topics is null ? null : v.Topics("topics", Topics);
        return v.IsValid ? new SubscriptionInput(email!, name, topics) : null;
    }
}

public sealed class ConfirmBody
{
    public string? Token { get; set; }
}

/// <summary>A subscriber's own settings.</summary>
public sealed class PreferencesBody
{
    public string? Name { get; set; }

    public List<string?>? Topics { get; set; }

    public (string? Name, IReadOnlyList<string> Topics)? Validate(Validator v)
    {
        var name = v.Text("name", Name, 200);
        var topics = v.Topics("topics", Topics);
        return v.IsValid ? (name, topics) : null;
    }
}

/// <summary>An organiser's request to erase an address's data.</summary>
public sealed class ErasureBody
{
    public string? Email { get; set; }

    public string? Validate(Validator v) => v.Email("email", Email);
}
