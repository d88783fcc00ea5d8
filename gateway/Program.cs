using Platform.Gateway.BrowserConsole;
using Platform.Gateway.Extensions;
using Platform.Gateway.OpenApi;
using Platform.ServiceDefaults.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UsePlatformProblemDetails();
app.UseGatewayPipeline();
app.UseConsoleFiles();
app.MapDefaultEndpoints();
app.MapAggregatedOpenApi();
app.MapReverseProxy();
app.MapLinkPageStyles();
app.MapConsole();
app.Run();
