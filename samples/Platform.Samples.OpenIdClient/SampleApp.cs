using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Platform.Samples.OpenIdClient;

/// <summary>
/// A client app that signs its users in with the platform, as any ASP.NET Core app would: the stock OpenID Connect
/// handler (code flow with PKCE), a cookie for its own session, and one page that shows who signed in.
/// Settings: Platform:Authority (the gateway's address), Platform:ClientId, Platform:ClientSecret.
/// </summary>
public static class SampleApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var platform = builder.Configuration.GetSection("Platform");
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = platform["Authority"];
                options.ClientId = platform["ClientId"];
                options.ClientSecret = platform["ClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.Scope.Add("email");
                options.Scope.Add("organizations");
                options.ClaimActions.MapJsonKey("organizations", "organizations");
                options.TokenValidationParameters.NameClaimType = "name";
                // A developer's machine speaks plain http on the loopback interface; anywhere else the authority is https.
                options.RequireHttpsMetadata = new Uri(options.Authority!).IsLoopback is false;
                if (!options.RequireHttpsMetadata)
                {
                    options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.NonceCookie.SameSite = SameSiteMode.Lax;
                }
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", ShowClaims).RequireAuthorization();
        app.MapGet("/logout", LogOut);
        return app;
    }

    private static IResult ShowClaims(ClaimsPrincipal user)
    {
        var rows = string.Concat(user.Claims.Select(c => $"<tr><th>{Encode(c.Type)}</th><td>{Encode(c.Value)}</td></tr>"));
        return Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signed in</title></head>
            <body><h1>Signed in as {Encode(user.Identity?.Name)}</h1><table>{rows}</table><p><a href="/logout">Log out</a></p></body></html>
            """, "text/html; charset=utf-8");
    }

    // Ends the app's own session, then the platform's (RP-initiated logout).
    private static IResult LogOut() =>
        Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);

    private static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
