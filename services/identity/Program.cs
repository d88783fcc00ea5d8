using Platform.Identity.Apis;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.OpenIdConnect;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (await app.MigrateDatabaseAsync<IdentityDbContext>(args)) return;

app.UseMiddleware<OpenIdRequestsFromGateway>();
app.UsePlatformProblemDetails();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapAccountsApi();
app.MapSessionsApi();
app.MapAccountApi();
app.MapApiTokensApi();
app.MapTwoFactorApi();
app.MapPagesApi();
app.MapInvitationPageApi();
app.MapAdminUsersApi().MapAdminAuditApi().MapPlatformAdministratorsApi();
app.MapOrganizationImpersonationApi();
app.MapOrganizationAccountsApi();
app.MapOpenIdClientsApi().MapPlatformClientAppsApi();
app.MapOpenIdConnectEndpoints();
app.Run();
