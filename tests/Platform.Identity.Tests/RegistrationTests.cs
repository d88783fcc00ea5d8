using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;

namespace Platform.Identity.Tests;

public sealed class RegistrationTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task Registration_stores_the_email_trimmed_and_lowercased_and_publishes_UserRegistered()
    {
        await using var published = await EventCollector<UserRegistered>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var local = $"Mixed.Case-{Guid.NewGuid():N}";
        var response = await service.Host.CreateClient().RegisterAsync(Registrations.Valid($"  {local}@Example.COM "));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var expected = $"{local.ToLowerInvariant()}@example.com";
        var user = await service.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == expected));
        var message = await published.WaitForAsync(e => e.UserId == user.Id);
        Assert.Equal(expected, message.Message.Email);
        Assert.Equal("Ada", message.Message.FirstName);
    }

    [Fact]
    public async Task A_taken_email_gets_the_same_answer_as_a_new_one_and_changes_nothing()
    {
        var email = Registrations.UniqueEmail();
        var client = service.Host.CreateClient();

        var first = await client.RegisterAsync(Registrations.Valid(email));
        var second = await client.RegisterAsync(Registrations.Valid(email.ToUpperInvariant()));

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await service.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_create_one_account_and_no_500()
    {
        var email = Registrations.UniqueEmail();
        var client = service.Host.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.RegisterAsync(Registrations.Valid(email))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(1, await service.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_problem_that_says_so()
    {
        var before = await service.WithDbAsync(db => db.Users.CountAsync());
        var response = await service.Host.CreateClient().PostAsync("/accounts", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await service.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_wrongly_typed_field_gets_a_400_problem_naming_it()
    {
        var response = await service.Host.CreateClient().PostAsync("/accounts",
            new StringContent("""{"email": 42, "password": "x", "firstName": "A", "lastName": "B"}""", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("$.email", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_and_invalid_fields_get_a_validation_problem_naming_each()
    {
        var response = await service.Host.CreateClient().RegisterAsync(new { email = "not-an-email", password = "short" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("firstName", out _));
        Assert.True(errors.TryGetProperty("lastName", out _));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.DoesNotContain("   at ", problem.ToString());
        return problem;
    }
}
