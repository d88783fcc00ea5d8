using System.Net.Mail;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Http;

namespace Platform.Membership.Apis;

/// <summary>Checks of what callers send about organizations, with messages naming the field.</summary>
internal static class OrganizationInput
{
    public static Dictionary<string, string[]> Validate(string? name, string? contactEmail, out string trimmedName, out string? contact)
    {
        var errors = new Dictionary<string, string[]>();
        trimmedName = (name ?? "").Trim();
        if (trimmedName.Length is 0 or > Organization.MaxNameLength || trimmedName.Any(char.IsControl))
            errors["name"] = [$"A name of 1 to {Organization.MaxNameLength} characters is required."];
        contact = string.IsNullOrWhiteSpace(contactEmail) ? null : contactEmail.Trim().ToLowerInvariant();
        if (contact is not null && (contact.Length > 254 || !MailAddress.TryCreate(contact, out var parsed) || parsed.Address != contact))
            errors["contactEmail"] = ["A valid email address, or nothing."];
        return errors;
    }

    /// <summary>PUT replaces the settings: a field left out would be wiped, so it is refused by name instead.</summary>
    public static Dictionary<string, string[]> MissingSettings(OrganizationSettingsRequest request)
    {
        return JsonMergePatch.MissingFromPut("every setting",
            ("minimumRankToInvite", request.MinimumRankToInvite), ("allowedEmailDomains", request.AllowedEmailDomains),
            ("customFields", request.CustomFields), ("requireTwoFactor", request.RequireTwoFactor), ("adminsMayImpersonate", request.AdminsMayImpersonate),
            ("openToJoinRequests", request.OpenToJoinRequests), ("unitCustomFields", request.UnitCustomFields));
    }

    public static Dictionary<string, string[]> ValidateSettings(
        OrganizationSettingsRequest request, out Rank rank, out List<CustomFieldDefinition> fields, out List<CustomFieldDefinition> unitFields)
    {
        var errors = new Dictionary<string, string[]>();
        rank = Rank.Manager;
        if (request.MinimumRankToInvite is not null && !Ranks.TryParse(request.MinimumRankToInvite, out rank) || rank is not (Rank.Manager or Rank.Admin or Rank.Owner))
            errors["minimumRankToInvite"] = ["One of manager, admin, owner."];
        if (request.AllowedEmailDomains is { } domains && (domains.Count > 50 || domains.Any(d => d.Trim().TrimStart('@').Length is 0 or > 253 || !d.Contains('.'))))
            errors["allowedEmailDomains"] = ["Up to 50 domains such as example.com."];

        fields = FieldDefinitions(request.CustomFields, "customFields", errors);
        unitFields = FieldDefinitions(request.UnitCustomFields, "unitCustomFields", errors);
        return errors;
    }

    private static List<CustomFieldDefinition> FieldDefinitions(List<CustomFieldRequest>? requested, string name, Dictionary<string, string[]> errors)
    {
        var fields = new List<CustomFieldDefinition>();
        foreach (var field in requested ?? [])
        {
            var key = (field.Key ?? "").Trim();
            if (key.Length is 0 or > 50 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                errors[name] = ["Each field has a key of 1 to 50 letters, digits, '-' or '_' and a label."];
                return fields;
            }

            fields.Add(new CustomFieldDefinition(key, string.IsNullOrWhiteSpace(field.Label) ? key : field.Label.Trim(), field.Required));
        }

        if (fields.Count > 50 || fields.Select(f => f.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() != fields.Count)
            errors[name] = ["Up to 50 fields with distinct keys."];
        return fields;
    }
}

internal static class Ranks
{
    public static bool TryParse(string? text, out Rank rank) =>
        Enum.TryParse(text, ignoreCase: true, out rank) && Enum.IsDefined(rank) && !int.TryParse(text, out _);

    public static string Name(Rank rank) => rank.ToString().ToLowerInvariant();
}
