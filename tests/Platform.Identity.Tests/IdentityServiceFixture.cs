using Platform.Identity.Infrastructure;
using Platform.Testing;

namespace Platform.Identity.Tests;

/// <summary>The identity service on its own database, message prefix and key prefix, with a bus to feed it membership's events.</summary>
public sealed class IdentityServiceFixture() : ServiceFixture<IdentityApi, IdentityDbContext>("identitydb", "identity");
