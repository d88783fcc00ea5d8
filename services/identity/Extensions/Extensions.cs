using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Redis;

namespace Platform.Identity.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddInternalTokenAuthentication();
        builder.AddServiceDatabase<IdentityDbContext>("identitydb");
        builder.AddPlatformMessaging<IdentityDbContext>();
        builder.AddPlatformRedis();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<PasswordHasher>();
    }
}
