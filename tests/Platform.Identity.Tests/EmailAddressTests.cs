using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Tests;

/// <summary>The one canonical form of an address (ServiceDefaults), used by every service.</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("  Ada.Lovelace@Example.COM \t", "ada.lovelace@example.com")]
    [InlineData("ada@example.com.", "ada@example.com")]
    [InlineData("ADA@EXAMPLE.COM.", "ada@example.com")]
    [InlineData("ada@bücher.de", "ada@xn--bcher-kva.de")]
    [InlineData("ada@BÜCHER.de.", "ada@xn--bcher-kva.de")]
    [InlineData("ada@xn--bcher-kva.de", "ada@xn--bcher-kva.de")]
    [InlineData("josé@example.com", "josé@example.com")]
    [InlineData("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.com", "o'brien@example.com")]
    [InlineData("x!#$%&'*+-/=?^_`{|}~y@example.com", "x!#$%&'*+-/=?^_`{|}~y@example.com")]
    public void A_mailbox_has_one_canonical_form(string input, string canonical)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var result), input);
        Assert.Equal(canonical, result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ada.example.com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@b@example.com")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@.")]
    [InlineData("ada@example")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@exa mple.com")]
    [InlineData("ada\u0000@example.com")]
    [InlineData("ada@example.com\r\nBcc: eve@example.com")]
    [InlineData("\"ada lovelace\"@example.com")]
    [InlineData("\"ada\"@example.com")]
    [InlineData("ada(comment)@example.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("<ada@example.com>")]
    [InlineData("ada@[192.0.2.1]")]
    [InlineData("ada@[IPv6:2001:db8::1]")]
    [InlineData(".ada@example.com")]
    [InlineData("ada.@example.com")]
    [InlineData("a..da@example.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada@-example.com")]
    [InlineData("ada@exam_ple.com")]
    [InlineData("ada,eve@example.com")]
    [InlineData("ada;eve@example.com")]
    [InlineData("ada\\@example.com")]
    [InlineData("ada@example.com..")]
    public void What_cannot_be_a_mailbox_is_refused_with_a_reason(string? input)
    {
        Assert.False(EmailAddress.TryNormalize(input, out _), input);
        Assert.Null(EmailAddress.Canonicalize(input, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Theory]
    [InlineData(64, 10, true)]
    [InlineData(65, 10, false)]
    [InlineData(64, 57, true)] // 64 + 1 + (63 + 1 + 63 + 1 + 57 + 4) = 254
    [InlineData(64, 58, false)] // 255
    [InlineData(10, 64, false)] // a domain label has at most 63
    public void Parts_are_as_long_as_RFC_5321_allows(int localLength, int lastLabelLength, bool accepted)
    {
        var address = $"{new string('a', localLength)}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', lastLabelLength)}.com";
        Assert.Equal(accepted, EmailAddress.TryNormalize(address, out _));
    }

    [Fact]
    public void The_local_part_counts_octets_not_characters()
    {
        Assert.True(EmailAddress.TryNormalize($"{new string('é', 32)}@example.com", out _));
        Assert.False(EmailAddress.TryNormalize($"{new string('é', 33)}@example.com", out _));
    }
}
