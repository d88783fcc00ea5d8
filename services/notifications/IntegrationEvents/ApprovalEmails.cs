using System.Globalization;
using Platform.Contracts.Approvals;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>What the approval emails show of a request's subject.</summary>
internal static class ApprovalEmails
{
    /// <summary><c>1250.00 EUR</c>: the amount as the requester gave it, with at least two decimals; null without an amount.</summary>
    public static string? Amount(ApprovalSubject subject) => subject.Amount is { } amount
        ? $"{amount.ToString("0.00########", CultureInfo.InvariantCulture)} {subject.Currency}".TrimEnd()
        : null;

    /// <summary>Null for an empty summary, so the templates leave its line out.</summary>
    public static string? Summary(ApprovalSubject subject) => string.IsNullOrWhiteSpace(subject.Summary) ? null : subject.Summary;
}
