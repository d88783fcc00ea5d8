using Microsoft.Extensions.Configuration;
using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class PasswordHashingTests
{
    private const string Password = "correct horse battery staple";

    private static readonly PasswordHasher Argon2id = new(Argon2idAlgorithm.Owasp);
    private static readonly PasswordHasher Pbkdf2 = new(new Pbkdf2Sha512Algorithm(Pbkdf2Sha512Algorithm.MinimumIterations));

    public static TheoryData<string> Algorithms => [Argon2idAlgorithm.AlgorithmName, Pbkdf2Sha512Algorithm.AlgorithmName];

    private static PasswordHasher HasherFor(string algorithm) => algorithm == Argon2idAlgorithm.AlgorithmName ? Argon2id : Pbkdf2;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_hash_verifies_its_password_and_no_other(string algorithm)
    {
        var hasher = HasherFor(algorithm);
        var hash = hasher.Hash(Password);

        Assert.True(hasher.Verify(Password, hash));
        Assert.False(hasher.Verify(Password + "!", hash));
        Assert.False(hasher.NeedsRehash(hash));
        Assert.NotEqual(hash, hasher.Hash(Password)); // salted
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Unicode_forms_of_one_password_verify_alike(string algorithm)
    {
        var hasher = HasherFor(algorithm);

        Assert.True(hasher.Verify("cafe\u0301 au lait, s'il vous plait", hasher.Hash("caf\u00e9 au lait, s'il vous plait")));
    }

    [Fact]
    public void An_argon2id_hash_names_its_algorithm_and_parameters()
    {
        var parts = Argon2id.Hash(Password).Split('$');

        Assert.Equal(new[] { "argon2id", "m=19456,t=2,p=1" }, parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Argon2id_matches_the_reference_implementation()
    {
        // libargon2's argon2id_hash_raw(t=2, m=19456, p=1, "password", "somesaltsomesalt", 32 bytes).
        var stored = $"argon2id$m=19456,t=2,p=1${Convert.ToBase64String("somesaltsomesalt"u8)}$"
            + Convert.ToBase64String(Convert.FromHexString("2B5DC4054886EC957EF59C73B661C54DD6FB274590B278F657C6D96AAC8FA6D1"));

        Assert.True(Argon2id.Verify("password", stored));
    }

    [Fact]
    public void A_pbkdf2_hash_still_verifies_under_an_argon2id_hasher_and_is_rehashed()
    {
        var old = new PasswordHasher().Hash(Password);

        Assert.StartsWith("pbkdf2-sha512$210000$", old);
        Assert.True(Argon2id.Verify(Password, old));
        Assert.False(Argon2id.Verify("not the password at all", old));
        Assert.True(Argon2id.NeedsRehash(old));
        Assert.True(Pbkdf2.NeedsRehash(Argon2id.Hash(Password))); // and back, when an operator switches again
    }

    [Theory]
    [InlineData(19_456, 3)]
    [InlineData(47_104, 2)]
    [InlineData(7_168, 5)]
    public void Changed_argon2id_parameters_need_a_rehash(int memoryKiB, int passes)
    {
        var hash = Argon2id.Hash(Password);
        var changed = new PasswordHasher(new Argon2idAlgorithm(memoryKiB, passes, 1));

        Assert.True(changed.NeedsRehash(hash));
        Assert.True(changed.Verify(Password, hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("argon2id$m=19456,t=2,p=1$not base64!$AAAA")]
    [InlineData("argon2id$m=19456,t=2,p=4$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("bcrypt$12$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void A_missing_or_unreadable_hash_verifies_false(string? stored)
    {
        Assert.False(Argon2id.Verify(Password, stored));
        Assert.False(Pbkdf2.Verify(Password, stored));
    }

    [Fact]
    public void The_configured_default_is_argon2id_with_owasp_parameters()
    {
        var hasher = PasswordHasher.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal(Argon2idAlgorithm.Owasp, hasher.Algorithm);
    }

    [Fact]
    public void Configuration_chooses_the_algorithm_and_its_parameters()
    {
        var keycloak = Configured(("Accounts:PasswordHashing:Argon2idMemoryKiB", "7168"), ("Accounts:PasswordHashing:Argon2idIterations", "5"));
        var pbkdf2 = Configured(("Accounts:PasswordHashing:Algorithm", "pbkdf2-sha512"), ("Accounts:PasswordHashIterations", "600000"));

        Assert.Equal(new Argon2idAlgorithm(7_168, 5, 1), keycloak.Algorithm);
        Assert.StartsWith("argon2id$m=7168,t=5,p=1$", keycloak.Hash(Password));
        Assert.Equal(new Pbkdf2Sha512Algorithm(600_000), pbkdf2.Algorithm);
    }

    [Theory]
    [InlineData("Algorithm", "md5")]
    [InlineData("Argon2idMemoryKiB", "4096")]
    [InlineData("Argon2idIterations", "1")]
    [InlineData("Argon2idParallelism", "2")]
    public void A_weak_or_unknown_configuration_is_refused_at_start(string key, string value) =>
        Assert.ThrowsAny<Exception>(() => Configured(($"Accounts:PasswordHashing:{key}", value)));

    private static PasswordHasher Configured(params (string Key, string Value)[] settings) =>
        PasswordHasher.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());
}
