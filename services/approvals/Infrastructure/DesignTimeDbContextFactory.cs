using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Approvals.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ApprovalsDbContext>
{
    public ApprovalsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ApprovalsDbContext>().UseNpgsql("Host=localhost;Database=approvalsdb").Options);
}
