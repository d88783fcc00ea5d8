using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class ModelTests
{
    [Fact]
    public void A_hash_names_its_parameters_and_verifies_only_its_password()
    {
        var hasher = new PasswordHasher();
        var hash = hasher.Hash("correct horse battery staple");

        Assert.StartsWith($"pbkdf2-sha512${PasswordHasher.DefaultIterations}$", hash);
        Assert.False(hasher.NeedsRehash(hash));
        Assert.True(new PasswordHasher(300_000).NeedsRehash(hash));
        Assert.True(hasher.Verify("correct horse battery staple", hash));
        Assert.False(hasher.Verify("correct horse battery stapler", hash));
        Assert.NotEqual(hash, hasher.Hash("correct horse battery staple"));
    }

    [Fact]
    public void Verifying_without_a_stored_hash_still_does_the_work_and_fails() =>
        Assert.False(new PasswordHasher().Verify("any password at all", null));

    [Fact]
    public void Unicode_forms_of_one_password_verify_alike()
    {
        var hasher = new PasswordHasher();
        var composed = "caf\u00e9 au lait, s'il vous plait";
        var decomposed = "cafe\u0301 au lait, s'il vous plait";

        Assert.True(hasher.Verify(decomposed, hasher.Hash(composed)));
    }
}
