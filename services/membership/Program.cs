using Platform.Membership.Apis;
using Platform.Membership.Extensions;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (await app.MigrateDatabaseAsync<MembershipDbContext>(args)) return;

app.UsePlatformProblemDetails();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapDirectoryApi();
app.MapOrganizationsApi();
app.MapUnitsApi();
app.MapMembersApi();
app.MapMemberExportApi();
app.MapAuthorizationApi();
app.MapPermissionsApi();
app.MapRolesApi();
app.MapRoleGrantsApi();
app.MapUnitRoleGrantsApi();
app.MapOrganizationPermissionsApi();
app.MapGroupsApi();
app.MapGroupMembersApi();
app.MapGroupMessagesApi();
app.MapAccessReviewApi();
app.MapInvitationsApi();
app.MapInvitationAcceptanceApi();
app.MapInvitationPagesApi();
app.MapImportsApi();
app.MapJoinRequestsApi();
app.Run();
