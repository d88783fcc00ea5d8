using Platform.Approvals.Apis;
using Platform.Approvals.Extensions;
using Platform.Approvals.Infrastructure;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (await app.MigrateDatabaseAsync<ApprovalsDbContext>(args)) return;

app.UsePlatformProblemDetails();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapDirectoryApi();
app.MapPoliciesApi();
app.MapRequestsApi();
app.MapMyRequestsApi();
app.MapDecisionsApi();
app.MapExternalApprovalApi();
app.Run();
