using Platform.Notifications.Apis;
using Platform.Notifications.Extensions;
using Platform.Notifications.Infrastructure;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (await app.MigrateDatabaseAsync<NotificationsDbContext>(args)) return;

app.UsePlatformProblemDetails();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapDeliveriesApi();
app.MapTemplatesApi();
app.MapPreferencesApi();
app.MapUnsubscribeApi();
app.MapWebhooksApi();
app.Run();
