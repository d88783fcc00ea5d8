using System.Text;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Imports;

namespace Platform.Membership.Tests;

public sealed class CsvTableTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var (table, problem) = CsvTable.Parse(Encoding.UTF8.GetBytes("\uFEFFemail,note\r\na@example.com,\"one, two\"\r\nb@example.com,\"say \"\"hi\"\"\nthere\"\n\nc@example.com,plain"));

        Assert.Null(problem);
        Assert.Equal(["email", "note"], table!.Headers);
        Assert.Equal(3, table.Records.Count);
        Assert.Equal("one, two", table.Records[0].Field(1));
        Assert.Equal("say \"hi\"\nthere", table.Records[1].Field(1));
        Assert.Equal((2, 3, 6), (table.Records[0].Line, table.Records[1].Line, table.Records[2].Line));
        Assert.Equal("", table.Records[2].Field(5));
    }

    [Theory]
    [InlineData("email\na@example.com,\"open", "Line 2: a quoted field is not closed")]
    [InlineData("email\na@example.com,x\"y", "Line 2: a quote inside an unquoted field")]
    [InlineData("email\n\"a\"b", "Line 2: a quoted field must end")]
    [InlineData("", "The file is empty")]
    [InlineData("email,Email\nx", "appears more than once")]
    public void Broken_files_are_refused_with_the_line(string text, string expected)
    {
        var (table, problem) = CsvTable.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Null(table);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var (table, problem) = CsvTable.Parse([(byte)'e', (byte)'\n', 0xE9, (byte)'\n']);
        Assert.Null(table);
        Assert.Contains("UTF-8", problem);
    }
}

public sealed class ImportMappingTests
{
    private static readonly CustomFieldDefinition[] Fields = [new("techId", "Technician number")];

    [Fact]
    public void Headers_are_matched_by_name_and_custom_fields_by_key_or_label()
    {
        var mapping = ImportMapping.Automatic(["E-Mail", "First Name", "SURNAME", "Role", "Units", "Technician number", "Notes"], Fields);

        Assert.Equal(new Dictionary<string, string>
        {
            ["E-Mail"] = "email", ["First Name"] = "firstName", ["SURNAME"] = "lastName", ["Role"] = "rank", ["Units"] = "units",
            ["Technician number"] = "field:techId", ["Notes"] = "ignore",
        }, mapping.Columns);
    }

    [Fact]
    public void Choices_override_the_automatic_mapping_and_bad_choices_are_named()
    {
        var (mapping, _) = ImportMapping.With(["Login", "Mail"], Fields, new Dictionary<string, string?> { ["Login"] = "email", ["Mail"] = "ignore" });
        Assert.Equal("email", mapping!.Columns["Login"]);

        var (none, errors) = ImportMapping.With(["Login", "Mail"], Fields, new Dictionary<string, string?> { ["Login"] = "email", ["Nope"] = "email", ["Mail"] = "field:unknown" });
        Assert.Null(none);
        Assert.Equal(["Mail", "Nope", "email"], errors.Keys.Order(StringComparer.Ordinal));
    }
}

public sealed class ImportPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly ImportUnit North = new(Guid.NewGuid(), "North", "/n/");
    private static readonly ImportUnit South = new(Guid.NewGuid(), "South", "/s/");
    private static readonly ImportUnit Twin1 = new(Guid.NewGuid(), "Twin", "/n/t1/");
    private static readonly ImportUnit Twin2 = new(Guid.NewGuid(), "Twin", "/s/t2/");

    [Fact]
    public void Each_row_gets_the_verdict_an_admin_would_expect()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        organization.UpdateSettings(Rank.Manager, ["example.com"], [new CustomFieldDefinition("techId", "Tech")], openToJoinRequests: false);
        var admin = new Actor(Guid.NewGuid(), Rank.Admin, null);
        var member = new ImportMember(Guid.NewGuid(), "member@example.com", Rank.Member, [North.Id], [North.Path], new Dictionary<string, string>());
        var peer = new ImportMember(Guid.NewGuid(), "peer@example.com", Rank.Admin, [], [], new Dictionary<string, string>());
        var planner = new ImportPlanner(organization, admin, Rank.Member, [North, South, Twin1, Twin2],
            new Dictionary<string, ImportMember> { [member.Email] = member, [peer.Email] = peer }, new HashSet<string> { "invited@example.com" });

        var verdicts = Plan(planner,
            "email,first name,last name,rank,units,tech",
            "new@example.com,Ann,Lee,,North; South,T-1",
            "NEW@example.com,Dup,Licate,,,",
            "not-an-address,,,,,",
            "someone@other.org,,,,,",
            "x@example.com,,,boss,,",
            "y@example.com,,,,Nowhere,",
            "z@example.com,,,,Twin,",
            "a@example.com,,,admin,,",
            "b@example.com,,,owner,,",
            "member@example.com,,,manager,South,T-2",
            "member@example.com,,,,,",
            "invited@example.com,,,,,",
            "peer@example.com,,,member,,");

        Assert.Equal(
        [
            ImportVerdicts.New, ImportVerdicts.Duplicate, ImportVerdicts.InvalidEmail, ImportVerdicts.DomainNotAllowed, ImportVerdicts.UnknownRank,
            ImportVerdicts.UnknownUnit, ImportVerdicts.UnknownUnit, ImportVerdicts.RankNotAllowed, ImportVerdicts.RankNotAllowed, ImportVerdicts.Update,
            ImportVerdicts.Duplicate, ImportVerdicts.AlreadyInvited, ImportVerdicts.NotAllowed,
        ], verdicts.Select(v => v.Verdict));
        var first = verdicts[0];
        Assert.Equal(("new@example.com", "Ann", "Lee", Rank.Member, "T-1"), (first.Email, first.FirstName, first.LastName, first.Rank!.Value, first.CustomFields["techId"]));
        Assert.Equal([North.Id, South.Id], first.UnitIds);
        Assert.Equal((Rank.Manager, member.UserId, "T-2"), (verdicts[9].Rank!.Value, verdicts[9].UserId!.Value, verdicts[9].CustomFields["techId"]));
        Assert.Equal([South.Id], verdicts[9].UnitIds);
    }

    [Fact]
    public void A_row_that_matches_the_member_exactly_is_already_a_member()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        var member = new ImportMember(Guid.NewGuid(), "m@example.com", Rank.Member, [North.Id], [North.Path], new Dictionary<string, string>());
        var planner = new ImportPlanner(organization, new Actor(Guid.NewGuid(), Rank.Owner, null), Rank.Member, [North],
            new Dictionary<string, ImportMember> { [member.Email] = member }, new HashSet<string>());

        Assert.Equal([ImportVerdicts.AlreadyMember], Plan(planner, "email,rank,units", "m@example.com,member,North").Select(v => v.Verdict));
    }

    [Fact]
    public void A_unit_manager_updates_only_inside_their_unit_and_brings_in_nobody()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        var inside = new ImportMember(Guid.NewGuid(), "in@example.com", Rank.Member, [North.Id], [North.Path], new Dictionary<string, string>());
        var outside = new ImportMember(Guid.NewGuid(), "out@example.com", Rank.Member, [South.Id], [South.Path], new Dictionary<string, string>());
        var planner = new ImportPlanner(organization, new Actor(Guid.NewGuid(), Rank.Manager, North.Path), Rank.Member, [North, South],
            new Dictionary<string, ImportMember> { [inside.Email] = inside, [outside.Email] = outside }, new HashSet<string>());

        var verdicts = Plan(planner, "email,rank,units", "in@example.com,viewer,North", "out@example.com,viewer,", "in2@example.com,viewer,North", "in@example.com,,South");

        Assert.Equal([ImportVerdicts.Update, ImportVerdicts.NotAllowed, ImportVerdicts.NotAllowed, ImportVerdicts.Duplicate], verdicts.Select(v => v.Verdict));
    }

    [Fact]
    public void A_language_column_gives_new_people_their_invitation_language_and_anything_else_is_a_row_error_naming_row_and_column()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        var planner = new ImportPlanner(organization, new Actor(Guid.NewGuid(), Rank.Owner, null), Rank.Member, [], new Dictionary<string, ImportMember>(), new HashSet<string>());

        var verdicts = Plan(planner, "email,Lang", "de@example.com, DE ", "none@example.com,", "fr@example.com,fr");

        Assert.Equal([ImportVerdicts.New, ImportVerdicts.New, ImportVerdicts.UnknownLanguage], verdicts.Select(v => v.Verdict));
        Assert.Equal(["de", null, null], verdicts.Select(v => v.Language));
        Assert.Equal("Row 3, column 'Lang': 'fr' is not a language; use en or de, or leave the cell empty for English.", verdicts[2].Detail);
    }

    [Fact]
    public void Rows_past_the_limit_are_over_it()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        var planner = new ImportPlanner(organization, new Actor(Guid.NewGuid(), Rank.Owner, null), Rank.Member, [], new Dictionary<string, ImportMember>(), new HashSet<string>());
        var rows = Enumerable.Range(0, ImportPlanner.MaxRows + 2).Select(i => $"p{i}@example.com").ToArray();

        var verdicts = Plan(planner, ["email", .. rows]);

        Assert.Equal(ImportPlanner.MaxRows, verdicts.Count(v => v.Verdict == ImportVerdicts.New));
        Assert.Equal(2, verdicts.Count(v => v.Verdict == ImportVerdicts.OverLimit));
    }

    private static List<ImportRowPlan> Plan(ImportPlanner planner, params string[] lines)
    {
        var (table, problem) = CsvTable.Parse(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        Assert.Null(problem);
        return planner.Plan(table!, ImportMapping.Automatic(table!.Headers, [new CustomFieldDefinition("techId", "Tech")])).ToList();
    }
}

public sealed class ImportJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new(Guid.NewGuid(), Rank.Admin, null);

    [Fact]
    public void A_committed_import_remembers_who_committed_it_and_cannot_be_remapped_or_committed_again()
    {
        var job = Planned(new() { [ImportVerdicts.New] = 3, [ImportVerdicts.Update] = 1, [ImportVerdicts.InvalidEmail] = 2 });

        Assert.Null(job.Commit(ImportMode.Invite, Admin, Now));

        Assert.Equal((ImportState.Committing, 4, Admin), (job.State, job.ToProcess, job.Committer()));
        Assert.NotNull(job.Commit(ImportMode.Invite, Admin, Now));
        Assert.NotNull(job.RecordPlan(ImportMapping.Automatic(["email"], []), Rank.Member, null, 1, []));
    }

    [Fact]
    public void An_import_without_an_email_column_is_not_committed_and_one_with_nothing_to_do_completes_at_once()
    {
        var unmapped = ImportJob.Upload(Guid.NewGuid(), Admin.UserId, null, new byte[32], 10, Rank.Member, Now);
        unmapped.RecordPlan(ImportMapping.Automatic(["login"], []), Rank.Member, "No column is mapped to email.", 1, []);
        Assert.Equal("No column is mapped to email.", unmapped.Commit(ImportMode.Placeholder, Admin, Now));

        var nothing = Planned(new() { [ImportVerdicts.AlreadyMember] = 5 });
        Assert.Null(nothing.Commit(ImportMode.Placeholder, Admin, Now));
        Assert.Equal(ImportState.Completed, nothing.State);
    }

    [Fact]
    public void Each_batch_moves_the_cursor_and_renews_the_lease()
    {
        var job = Planned(new() { [ImportVerdicts.New] = 3000 });
        job.Commit(ImportMode.Placeholder, Admin, Now);

        job.Advance(2000, 2000, 1990, 0, 10, Now.AddMinutes(1));

        Assert.Equal((2000, 2000, 1990, 10), (job.LastRowNumber, job.Processed, job.Created, job.Skipped));
        Assert.True(job.IsLeasedAt(Now.AddSeconds(59)));
        Assert.False(job.IsLeasedAt(Now.AddSeconds(61)));
    }

    private static ImportJob Planned(Dictionary<string, int> verdicts)
    {
        var job = ImportJob.Upload(Guid.NewGuid(), Admin.UserId, null, new byte[32], 10, Rank.Member, Now);
        Assert.Null(job.RecordPlan(ImportMapping.Automatic(["email"], []), Rank.Member, null, verdicts.Values.Sum(), verdicts));
        return job;
    }
}
