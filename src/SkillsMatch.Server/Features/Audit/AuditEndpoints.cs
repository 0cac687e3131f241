using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Audit;

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset At, string? UserId, string? Role, AuditAction Action, string Endpoint, int Status,
    IReadOnlyList<int> ClientIds, int ClientCount, Guid? ListId, int? NeedId)
{
    public static AuditEntryResponse From(AuditEntry e) =>
        new(e.Id, e.At, e.UserId, e.Role, e.Action, e.Endpoint, e.Status, AuditEntry.Split(e.ClientIds), e.ClientCount, e.ListId, e.NeedId);
}

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        // Who saw which client: admins only (data protection officer, supervisors with the admin role).
        var group = routes.MapGroup("/api/admin/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);

        group.MapGet("/", ListAsync).WithSummary("Audit log of client data access, newest first; from and to are UTC dates, both inclusive.");

        group.MapGet("/export", Results<PushStreamHttpResult, ValidationProblem> (
            SkillsMatchDbContext db, string? user, int? client, DateOnly? from, DateOnly? to, Named<AuditAction>? action, TimeProvider clock, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var query = Filter(db, user, client, from, to, action, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            // Streamed row by row: an export of every entry needs no more memory than one page.
            var name = FormattableString.Invariant($"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv");
            return TypedResults.Stream(async body => await WriteCsvAsync(query, body, ct), "text/csv; charset=utf-8", name);
        }).WithSummary("The audit log as CSV, with the filters of the list.");
    }

    /// <summary>A page of the audit log, newest first, filtered; the web page calls it too.</summary>
    internal static async Task<Results<Ok<PagedList<AuditEntryResponse>>, ValidationProblem>> ListAsync(
        SkillsMatchDbContext db, string? user, int? client, DateOnly? from, DateOnly? to, Named<AuditAction>? action, int? page, int? pageSize, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var (p, size) = Paging.Check(page, pageSize, problems);
        var query = Filter(db, user, client, from, to, action, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var total = await query.CountAsync(ct);
        var items = await query.TakePage(p, size).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<AuditEntryResponse>([.. items.Select(AuditEntryResponse.From)], p, size, total));
    }

    private static IQueryable<AuditEntry> Filter(
        SkillsMatchDbContext db, string? user, int? client, DateOnly? from, DateOnly? to, Named<AuditAction>? action, ProblemBuilder problems)
    {
        if (user is { Length: > Limits.Name })
        {
            problems.Add("user", Texts.Pick($"Die Benutzer-ID ist länger als {Limits.Name} Zeichen.", $"The user id is longer than {Limits.Name} characters."));
        }

        if (client is < 1)
        {
            problems.Add("client", Texts.Pick("Die Klienten-ID muss positiv sein.", "The client id must be positive."));
        }

        if (from is not null && to is not null && to < from)
        {
            problems.Add("to", Texts.Pick("Das Ende des Zeitraums liegt vor dem Beginn.", "The end of the period is before its start."));
        }

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(user))
        {
            query = query.Where(e => e.UserId == user);
        }

        if (client is { } c)
        {
            var needle = AuditEntry.Needle(c);
            query = query.Where(e => e.ClientIds.Contains(needle));
        }

        if (from is { } start)
        {
            var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= since);
        }

        if (to is { } end)
        {
            var before = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
            query = query.Where(e => e.At < before);
        }

        if (action?.Value is { } a)
        {
            query = query.Where(e => e.Action == a);
        }

        return query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }

    private static readonly string[] CsvHeader = ["id", "at", "userId", "role", "action", "endpoint", "status", "clientIds", "clientCount", "listId", "needId"];

    /// <summary>One line per entry: times in ISO 8601 (UTC), the client ids separated by spaces.</summary>
    private static async Task WriteCsvAsync(IQueryable<AuditEntry> query, Stream body, CancellationToken ct)
    {
        // A cell starting with =, +, - or @ is escaped, so a spreadsheet never runs a user id as a formula.
        await using var csv = CsvWriter.Create(body, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(CsvHeader);
        await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
                [
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    e.UserId,
                    e.Role,
                    e.Action.ToString(),
                    e.Endpoint,
                    e.Status.ToString(CultureInfo.InvariantCulture),
                    string.Join(' ', AuditEntry.Split(e.ClientIds).Select(id => id.ToString(CultureInfo.InvariantCulture))),
                    e.ClientCount.ToString(CultureInfo.InvariantCulture),
                    e.ListId?.ToString(),
                    e.NeedId?.ToString(CultureInfo.InvariantCulture),
                ],
                ct);
        }

        await csv.FlushAsync(ct);
    }
}
