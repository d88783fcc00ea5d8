using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Email;

namespace Platform.Approvals.Apis;

public sealed record SubjectInput(string? ExternalId, string? Url);

/// <summary>A request for approval as a requester or client app sends it; checked here for size and form.</summary>
public sealed partial record RequestInput(
    string? Type, string? Title, string? Summary, SubjectInput? Subject, decimal? Amount, string? Currency,
    JsonElement? Details, string? ExternalNominee)
{
    public const int MaxDetailsBytes = 16 * 1024;

    public (RequestDraft? Draft, Dictionary<string, string[]> Errors) ToDraft()
    {
        var errors = new Dictionary<string, string[]>();
        if (Type is null || !PoliciesApi.TypePattern().IsMatch(Type)) errors["type"] = ["The type of request, as the organization's policy names it (for example order)."];
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200) errors["title"] = ["A title of 1 to 200 characters."];
        if (Summary is { Length: > 2000 }) errors["summary"] = ["Up to 2000 characters."];
        if (Subject?.ExternalId is { Length: 0 or > 200 }) errors["subject.externalId"] = ["1 to 200 characters."];
        if (Subject?.Url is { } url && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            errors["subject.url"] = ["An absolute http or https URL of up to 2000 characters."];
        if (Amount is not null != Currency is not null) errors["amount"] = ["An amount goes with its currency, and a currency with an amount."];
        if (Amount is < 0 or > 1_000_000_000_000m) errors["amount"] = ["From 0 to 1,000,000,000,000."];
        if (Currency is not null && !CurrencyPattern().IsMatch(Currency)) errors["currency"] = ["A three-letter ISO 4217 code in capitals, such as EUR."];
        string? details = null;
        if (Details is { } json && json.ValueKind != JsonValueKind.Null)
        {
            details = json.GetRawText();
            if (json.ValueKind != JsonValueKind.Object) errors["details"] = ["A JSON object."];
            else if (System.Text.Encoding.UTF8.GetByteCount(details) > MaxDetailsBytes) errors["details"] = [$"At most {MaxDetailsBytes} bytes of JSON."];
        }

        // The canonical address (ServiceDefaults), so one mailbox is one external approver however it is spelled.
        string? nominee = null;
        if (ExternalNominee is not null && (nominee = EmailAddress.Canonicalize(ExternalNominee, out var problem)) is null) errors["externalNominee"] = [problem!];
        if (errors.Count > 0) return (null, errors);
        return (new RequestDraft(Title!.Trim(), Summary, Subject?.ExternalId, Subject?.Url, Amount, Currency, details, nominee), errors);
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    public static partial Regex CurrencyPattern();
}
