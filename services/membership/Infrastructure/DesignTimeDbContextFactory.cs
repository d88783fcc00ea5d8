using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Membership.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MembershipDbContext>
{
    public MembershipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MembershipDbContext>().UseNpgsql("Host=localhost;Database=membershipdb").Options);
}
