using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;

namespace SkillsMatch.Server.Tests;

/// <summary>Issue 11, audit log: who read, listed or changed which client's data, and who saw which ranking.</summary>
public sealed class AuditTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Reading_a_client_leaves_an_entry_with_user_role_endpoint_and_client_id()
    {
        var client = await CreateClientAsync();

        var response = await _http.GetAsync($"/api/clients/{client}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await LastEntryAsync();
        Assert.Equal(await CaseworkerIdAsync(), entry.UserId);
        Assert.Equal(Roles.Caseworker, entry.Role);
        Assert.Equal(AuditAction.Read, entry.Action);
        Assert.Equal("GET /api/clients/{id}", entry.Endpoint);
        Assert.Equal(200, entry.Status);
        Assert.Equal($",{client},", entry.ClientIds);
        Assert.Equal(1, entry.ClientCount);
        Assert.Null(entry.ListId);
        Assert.Null(entry.NeedId);
        Assert.Equal(factory.Clock.Now, entry.At);
    }

    [Fact]
    public async Task Creating_updating_and_deleting_a_client_each_leave_an_entry_with_their_action()
    {
        var body = TestData.Client();
        var created = await _http.CreateAsync("/api/clients", body);
        var id = created.GetProperty("id").GetInt32();
        var create = await LastEntryAsync();
        Assert.Equal((AuditAction.Create, "POST /api/clients", 201, $",{id},"), (create.Action, create.Endpoint, create.Status, create.ClientIds));

        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/clients/{id}", body.With("hoursPerWeek", 20).With("version", created.GetProperty("version").GetInt64()))).StatusCode);
        var update = await LastEntryAsync();
        Assert.Equal((AuditAction.Update, "PUT /api/clients/{id}", 200, $",{id},"), (update.Action, update.Endpoint, update.Status, update.ClientIds));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/clients/{id}")).StatusCode);
        var delete = await LastEntryAsync();
        Assert.Equal((AuditAction.Delete, "DELETE /api/clients/{id}", 204, $",{id},"), (delete.Action, delete.Endpoint, delete.Status, delete.ClientIds));
    }

    [Fact]
    public async Task Listing_clients_leaves_one_entry_naming_every_client_on_the_page()
    {
        await CreateClientAsync();
        await CreateClientAsync();

        var page = await (await _http.GetAsync("/api/clients?pageSize=200")).JsonAsync();

        var shown = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).Order().ToList();
        Assert.True(shown.Count >= 2);
        var entry = await LastEntryAsync();
        Assert.Equal(AuditAction.List, entry.Action);
        Assert.Equal("GET /api/clients", entry.Endpoint);
        Assert.Equal(shown, AuditEntry.Split(entry.ClientIds));
        Assert.Equal(shown.Count, entry.ClientCount);
        Assert.Equal(await CaseworkerIdAsync(), entry.UserId);
    }

    [Fact]
    public async Task Candidates_of_a_need_leave_an_entry_with_the_ranked_clients_the_need_and_the_impression_list_id()
    {
        var (need, clients) = await NeedWithCandidatesAsync(3);

        var list = await (await _http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync();

        var ranked = list.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("clientId").GetInt32()).ToList();
        Assert.Subset(ranked.ToHashSet(), clients.ToHashSet());
        var entry = await LastEntryAsync();
        Assert.Equal(AuditAction.List, entry.Action);
        Assert.Equal("GET /api/needs/{id}/candidates", entry.Endpoint);
        Assert.Equal(list.GetProperty("listId").GetGuid(), entry.ListId);
        Assert.Equal(need, entry.NeedId);
        Assert.Equal(ranked.Order(), AuditEntry.Split(entry.ClientIds));
        Assert.Equal(ranked.Count, entry.ClientCount);
        Assert.Equal(Roles.Caseworker, entry.Role);
    }

    [Fact]
    public async Task A_client_s_matches_are_a_read_of_that_client_with_the_list_id()
    {
        var (_, clients) = await NeedWithCandidatesAsync(1);

        var matches = await (await _http.GetAsync($"/api/clients/{clients[0]}/matches")).JsonAsync();

        var entry = await LastEntryAsync();
        Assert.Equal((AuditAction.Read, "GET /api/clients/{id}/matches", $",{clients[0]},"), (entry.Action, entry.Endpoint, entry.ClientIds));
        Assert.Equal(matches.GetProperty("listId").GetGuid(), entry.ListId);
    }

    [Fact]
    public async Task Posting_an_outcome_leaves_a_create_entry_with_its_client_and_need()
    {
        var (need, clients) = await NeedWithCandidatesAsync(1);

        var outcome = await _http.CreateAsync("/api/outcomes", new { needId = need, clientId = clients[0], stage = "Proposed", date = "2027-01-04" });

        var entry = await LastEntryAsync();
        Assert.Equal(AuditAction.Create, entry.Action);
        Assert.Equal("POST /api/outcomes", entry.Endpoint);
        Assert.Equal(201, entry.Status);
        Assert.Equal($",{clients[0]},", entry.ClientIds);
        Assert.Equal(need, entry.NeedId);
        Assert.Equal(await CaseworkerIdAsync(), entry.UserId);
        Assert.True(outcome.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task A_missing_client_and_a_refused_role_are_recorded_with_the_requested_id()
    {
        var client = await CreateClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/clients/987654")).StatusCode);
        var missing = await LastEntryAsync();
        Assert.Equal((404, ",987654,", AuditAction.Read, Roles.Caseworker), (missing.Status, missing.ClientIds, missing.Action, missing.Role));

        var employer = factory.CreateClientAs(Roles.Employer, employerId: await _http.CreateEmployerAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync($"/api/clients/{client}")).StatusCode);
        var refused = await LastEntryAsync();
        Assert.Equal((403, $",{client},", "GET /api/clients/{id}", Roles.Employer), (refused.Status, refused.ClientIds, refused.Endpoint, refused.Role));
        Assert.NotEqual(await CaseworkerIdAsync(), refused.UserId);
        Assert.NotNull(refused.UserId);
    }

    [Fact]
    public async Task Entries_hold_ids_only_never_profile_content()
    {
        const string reference = "AUDIT-REF-9876";
        var (need, _) = await NeedWithCandidatesAsync(0);
        var client = (await _http.CreateAsync("/api/clients", TestData.Client().With("reference", reference).With("protected", new { birthYear = 1979, nationality = "PL" })))
            .GetProperty("id").GetInt32();
        await _http.GetAsync($"/api/clients/{client}");
        await _http.GetAsync("/api/clients?pageSize=200");
        await _http.GetAsync($"/api/needs/{need}/candidates");
        await _http.GetAsync($"/api/needs/{need}/training");
        await _http.GetAsync($"/api/clients/{client}/plan?need={need}");

        var entries = await factory.WithDbAsync(db => db.AuditLog.AsNoTracking().ToListAsync());

        Assert.Contains(entries, e => e.ClientIds.Contains($",{client},", StringComparison.Ordinal) && e.Endpoint == "GET /api/clients/{id}/plan");
        var columns = entries.SelectMany(e => typeof(AuditEntry).GetProperties().Select(p => Convert.ToString(p.GetValue(e), System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToList();
        Assert.DoesNotContain(columns, c => c.Contains(reference, StringComparison.OrdinalIgnoreCase) || c.Contains("Lagerhelfer", StringComparison.Ordinal));

        // Ids and GUIDs may hold any digits; the text columns hold no birth year, nationality or municipality.
        var text = entries.SelectMany(e => new[] { e.Role, e.Action.ToString(), e.Endpoint, e.ClientIds }).ToList();
        Assert.DoesNotContain(text, c => c is not null && (c.Contains("1979", StringComparison.Ordinal) || c.Contains("PL", StringComparison.Ordinal) || c.Contains(TestData.Ingelheim, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_admin_filters_by_client_user_action_and_dates_and_exports_the_same_as_csv()
    {
        var client = await CreateClientAsync();
        var other = await CreateClientAsync();
        await _http.GetAsync($"/api/clients/{client}");
        await _http.GetAsync($"/api/clients/{client}");
        await _http.GetAsync($"/api/clients/{other}");
        var admin = factory.CreateClientAs(Roles.Admin);

        var page = await (await admin.GetAsync($"/api/admin/audit?client={client}")).JsonAsync();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        var expected = await factory.WithDbAsync(db => db.AuditLog.CountAsync(e => e.ClientIds.Contains($",{client},")));
        Assert.Equal(expected, page.GetProperty("total").GetInt32());
        Assert.Equal(3, items.Count); // created, read twice
        Assert.All(items, i => Assert.Contains(client, i.GetProperty("clientIds").EnumerateArray().Select(c => c.GetInt32())));
        var ids = items.Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(["Read", "Read", "Create"], items.Select(i => i.GetProperty("action").GetString()));

        var caseworker = await CaseworkerIdAsync();
        var reads = await (await admin.GetAsync($"/api/admin/audit?user={caseworker}&action=read&from=2027-01-04&to=2027-01-04&pageSize=200")).JsonAsync();
        Assert.True(reads.GetProperty("total").GetInt32() >= 3);
        Assert.All(reads.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal("Read", i.GetProperty("action").GetString());
            Assert.Equal(caseworker, i.GetProperty("userId").GetString());
        });
        Assert.Equal(0, (await (await admin.GetAsync("/api/admin/audit?from=2027-01-05")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await (await admin.GetAsync("/api/admin/audit?to=2027-01-03")).JsonAsync()).GetProperty("total").GetInt32());

        var export = await admin.GetAsync($"/api/admin/audit/export?client={client}");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,userId,role,action,endpoint,status,clientIds,clientCount,listId,needId", lines[0]);
        Assert.Equal(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Equal(client.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Split(',')[7]));
        Assert.Contains(",GET /api/clients/{id},200,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filters_are_problems_naming_the_field()
    {
        var admin = factory.CreateClientAs(Roles.Admin);

        foreach (var (query, field) in new[]
        {
            ("from=2027-02-01&to=2027-01-01", "to"),
            ("client=0", "client"),
            ("action=peek", "action"),
            ("from=gestern", "from"),
            ("pageSize=0", "pageSize"),
            ($"user={new string('u', 201)}", "user"),
        })
        {
            foreach (var path in new[] { "/api/admin/audit", "/api/admin/audit/export" })
            {
                if (field == "pageSize" && path.EndsWith("export", StringComparison.Ordinal))
                {
                    continue;
                }

                var response = await admin.GetAsync($"{path}?{query}");
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal([field], await response.ProblemFieldsAsync());
            }
        }
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync("/api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync("/api/admin/audit/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync("/api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientAs(Roles.Admin).GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task The_context_refuses_to_change_or_delete_an_entry()
    {
        await CreateClientAsync();
        var id = (await LastEntryAsync()).Id;

        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditLog.SingleAsync(e => e.Id == id);
            entry.Endpoint = "GET /somewhere-else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            return 0;
        });
        await factory.WithDbAsync(async db =>
        {
            db.AuditLog.Remove(await db.AuditLog.SingleAsync(e => e.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            return 0;
        });

        var kept = await factory.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal("POST /api/clients", kept.Endpoint);
    }

    private async Task<int> CreateClientAsync() =>
        (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();

    private Task<AuditEntry> LastEntryAsync() =>
        factory.WithDbAsync(db => db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync());

    private Task<string> CaseworkerIdAsync()
    {
        var email = SkillsMatchFactory.EmailOf(Roles.Caseworker, new UserScope(null, SkillsMatchFactory.DefaultCaseworker, null));
        return factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    }

    private async Task<(int Need, List<int> Clients)> NeedWithCandidatesAsync(int clients)
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var ids = new List<int>();
        for (var i = 0; i < clients; i++)
        {
            ids.Add(await CreateClientAsync());
        }

        return (need, ids);
    }
}

/// <summary>An audit entry that cannot be written fails the request: no client data goes out unrecorded.</summary>
public sealed class AuditFailureTests(AuditFailureTests.Factory factory) : IClassFixture<AuditFailureTests.Factory>
{
    [Fact]
    public async Task A_failed_audit_write_answers_500_without_the_client_data()
    {
        var http = factory.CreateClient();
        var client = (await http.CreateAsync("/api/clients", TestData.Client().With("reference", "AUDIT-FAIL-1"))).GetProperty("id").GetInt32();

        factory.Refusal.Refuse = true;
        try
        {
            var response = await http.GetAsync($"/api/clients/{client}");

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.DoesNotContain("AUDIT-FAIL-1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            factory.Refusal.Refuse = false;
        }
    }

    [Fact]
    public async Task A_handler_that_throws_is_recorded_with_the_final_status()
    {
        var http = factory.CreateClient();
        var body = TestData.Client();
        var created = await http.CreateAsync("/api/clients", body);
        var client = created.GetProperty("id").GetInt32();

        factory.Refusal.RefuseClients = true;
        try
        {
            var response = await http.PutAsJsonAsync($"/api/clients/{client}", body.With("hoursPerWeek", 20).With("version", created.GetProperty("version").GetInt64()));

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            factory.Refusal.RefuseClients = false;
        }

        var entry = await factory.WithDbAsync(db => db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("PUT /api/clients/{id}", AuditAction.Update, 500, $",{client},"), (entry.Endpoint, entry.Action, entry.Status, entry.ClientIds));
        Assert.Equal(Roles.Caseworker, entry.Role);
    }

    /// <summary>The app with an interceptor that refuses audit inserts, or client changes, while told to.</summary>
    public sealed class Factory : SkillsMatchFactory
    {
        public AuditRefusal Refusal { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<SkillsMatchDbContext>(o => o.AddInterceptors(Refusal));
                services.ConfigureDbContext<PostgresSkillsMatchDbContext>(o => o.AddInterceptors(Refusal));
            });
        }
    }

    public sealed class AuditRefusal : SaveChangesInterceptor
    {
        public bool Refuse { get; set; }

        public bool RefuseClients { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Refuse && eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
            {
                throw new DbUpdateException("The test refuses audit entries.");
            }

            if (RefuseClients && eventData.Context!.ChangeTracker.Entries<SkillsMatch.Server.Features.Clients.Client>().Any(e => e.State == EntityState.Modified))
            {
                throw new InvalidOperationException("The test refuses client changes.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
