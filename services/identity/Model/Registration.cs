using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Model;

/// <summary>A sign-up whose fields passed the rules: email canonical, names trimmed, password acceptable.</summary>
/// <param name="Language">The language chosen at sign-up (<see cref="Languages"/>), or null for the default.</param>
public sealed record Registration(string Email, string Password, string FirstName, string LastName, string? Language = null)
{
    public static bool TryCreate(
        string? email, string? password, string? firstName, string? lastName, string? language, PasswordRules rules,
        out Registration registration, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var normalizedEmail = EmailAddress.Canonicalize(email, out var emailProblem) ?? "";
        if (emailProblem is not null) errors["email"] = [emailProblem];
        if (!PersonName.TryNormalize(firstName, out var first))
            errors["firstName"] = [$"A first name of 1 to {PersonName.MaxLength} characters is required."];
        if (!PersonName.TryNormalize(lastName, out var last))
            errors["lastName"] = [$"A last name of 1 to {PersonName.MaxLength} characters is required."];
        if (!Languages.TryNormalize(language, out var chosen)) errors["language"] = [Languages.Problem];
        if (rules.Check(password, new PasswordContext(normalizedEmail, first, last)) is { } problem)
            errors["password"] = [problem];

        registration = new Registration(normalizedEmail, password ?? "", first, last, chosen);
        return errors.Count == 0;
    }
}
