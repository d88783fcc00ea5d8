using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using HandlebarsDotNet;
using Platform.Notifications.Model;

namespace Platform.Notifications.Templates;

/// <summary>
/// Renders the file templates. The HTML part goes through a Handlebars environment that HTML-escapes
/// every <c>{{value}}</c>; subject and text go through one that does not, since they are not HTML and
/// escaping would show <c>&amp;amp;</c> to the reader. Each file is compiled once, on first use. A value
/// a template names but the model lacks is an error, not an empty link.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly TemplateFiles files;
    private readonly IHandlebars html = CreateEnvironment(escape: true);
    private readonly IHandlebars plain = CreateEnvironment(escape: false);
    private readonly ConcurrentDictionary<string, Lazy<HandlebarsTemplate<object, object>>> compiled = new();

    public TemplateRenderer(string directory) => files = new TemplateFiles(directory);

    public IReadOnlyList<string> Templates => files.Names;

    public bool Exists(string template) => files.Contains(template);

    public IReadOnlyList<string> LocalesOf(string template) => files.LocalesOf(template);

    /// <summary>The locale the HTML part of <paramref name="template"/> is rendered in when <paramref name="locale"/> is asked for.</summary>
    public string ResolveLocale(string template, string? locale) => files.Find(template, "html", TemplateFiles.Candidates(locale)).Locale;

    public EmailMessage Render(string template, string? locale, object model)
    {
        var locales = TemplateFiles.Candidates(locale);
        var subject = string.Join(' ', Compile(template, "subject", locales, plain)(model).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var body = Compile(template, "html", locales, html)(model);
        var page = Compile(TemplateFiles.Layout, TemplateFiles.Layout, locales, html)(new LayoutModel(subject, body));
        var text = Compile(template, "text", locales, plain)(model).Trim() + Environment.NewLine;
        return new EmailMessage(subject, page, text);
    }

    private HandlebarsTemplate<object, object> Compile(string template, string part, IReadOnlyList<string> locales, IHandlebars environment)
    {
        var (path, _) = files.Find(template, part, locales);
        return compiled.GetOrAdd(path, file => new Lazy<HandlebarsTemplate<object, object>>(() => environment.Compile(File.ReadAllText(file)))).Value;
    }

    private static IHandlebars CreateEnvironment(bool escape)
    {
        var environment = Handlebars.Create(new HandlebarsConfiguration { NoEscape = !escape, ThrowOnUnresolvedBindingExpression = true });
        // {{date ExpiresAt}}: unambiguous in every language, and free of characters that need escaping.
        environment.RegisterHelper("date", (writer, _, arguments) => writer.WriteSafeString(
            arguments.Length > 0 && arguments[0] is DateTimeOffset moment
                ? moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                : ""));
        // {{lines Body}}: text someone typed, line breaks kept. Escaped here, since the helper writes as is.
        environment.RegisterHelper("lines", (writer, _, arguments) =>
        {
            var text = (arguments.Length > 0 ? arguments[0]?.ToString() : null) ?? "";
            text = text.Replace("\r\n", "\n").Trim();
            writer.WriteSafeString(escape ? string.Join("<br>\n", text.Split('\n').Select(WebUtility.HtmlEncode)) : text);
        });
        return environment;
    }

    /// <summary>
    /// <c>Body</c> is the HTML part this renderer just produced, with every value already escaped: the
    /// layout inserts it with <c>{{{Body}}}</c>, the only triple-stash in the templates.
    /// </summary>
    private sealed record LayoutModel(string Subject, string Body);
}
