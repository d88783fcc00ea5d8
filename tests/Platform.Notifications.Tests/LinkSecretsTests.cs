using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

public sealed class LinkSecretsTests
{
    [Theory]
    [InlineData("Open https://x.example/p?token=abc%2B1 now", "Open https://x.example/p?token=*** now")]
    [InlineData("https://x.example/p?next=%2Fhome&token=abc&lang=de", "https://x.example/p?next=%2Fhome&token=***&lang=de")]
    [InlineData("""<a href="https://x.example/p?token&#x3D;abc%2B1">""", """<a href="https://x.example/p?token&#x3D;***">""")]
    [InlineData("""<a href="https://x.example/p?a&#x3D;1&amp;token&#x3D;abc">""", """<a href="https://x.example/p?a&#x3D;1&amp;token&#x3D;***">""")]
    [InlineData("Approve: https://x.example/api/approvals/external/abc-_1%2B", "Approve: https://x.example/api/approvals/external/***")]
    [InlineData("""<a href="https://x.example/api/approvals/external/abc">https://x.example/api/approvals/external/abc</a>""",
        """<a href="https://x.example/api/approvals/external/***">https://x.example/api/approvals/external/***</a>""")]
    public void The_token_in_a_link_is_hidden_and_the_rest_of_the_link_kept(string text, string expected) =>
        Assert.Equal(expected, LinkSecrets.Hide(text));

    [Fact]
    public void Text_without_a_link_token_is_left_as_it_is()
    {
        const string text = "Your token expires soon; sign in at https://x.example/?next=token";
        Assert.Equal(text, LinkSecrets.Hide(text));
    }
}
