using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>
/// "Kandidatinnen und Kandidaten" of a need, ranked and recorded as impressions as <c>GET /api/needs/{id}/candidates</c>
/// does; each row records an outcome in one step as <c>POST /api/outcomes</c> does, linked to the row shown.
/// </summary>
public sealed class NeedModel(SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock, OutcomeValidator validator) : PageModel
{
    public const int Top = 20;

    public CandidatesResponse Candidates { get; private set; } = null!;

    /// <summary>Clients who joined this need's shortlist in the last scheduled run.</summary>
    public HashSet<int> NewSinceLastRun { get; private set; } = [];

    /// <summary>When the scheduled run last ranked this need; null before its first run.</summary>
    public DateTimeOffset? LastRun { get; private set; }

    /// <summary>After an outcome was recorded (redirect after post): its client and stage.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Recorded { get; set; }

    [BindProperty(SupportsGet = true)]
    public OutcomeStage? RecordedStage { get; set; }

    /// <summary>The row whose outcome form failed, to show its messages there.</summary>
    public int? FailedClient { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, int? clientId, long? impressionId, OutcomeStage? stage, string? reason, CancellationToken ct)
    {
        foreach (var entry in ModelState.Values)
        {
            entry.Errors.Clear();
        }

        var input = new OutcomeInput(id, clientId, stage, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.Today(), access.Caseworker, null, ImpressionId: impressionId);
        var result = await PageAudit.RecordAsync(HttpContext, AuditAction.Create, async () =>
            (await OutcomeEndpoints.Create(input, validator, db, access, ct)).Result, input: input);
        if (result is Created<OutcomeResponse>)
        {
            return Redirect($"/caseworker/needs/{id}?recorded={clientId}&recordedStage={stage}");
        }

        FailedClient = clientId;
        if (result is ValidationProblem problem)
        {
            problem.CopyTo(ModelState, field => field switch
            {
                "stage" => $"stage-{clientId}",
                "reason" => $"reason-{clientId}",
                _ => string.Empty,
            });
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await PageAudit.RecordAsync(HttpContext, AuditAction.Read, async () =>
            (await MatchingEndpoints.Candidates(id, Top, db, host, reference, clock, Response, ct)).Result, routeNeed: id);
        if (result is not Ok<CandidatesResponse> { Value: { } candidates })
        {
            return false;
        }

        Candidates = candidates;

        // The scheduled rematch keeps each need's shortlist; a client first listed in its last run is new.
        var shortlist = await db.Shortlists.AsNoTracking().Where(e => e.NeedId == id).Select(e => new { e.ClientId, e.FirstListedAt, e.ComputedAt }).ToListAsync(ct);
        NewSinceLastRun = [.. shortlist.Where(e => e.FirstListedAt == e.ComputedAt).Select(e => e.ClientId)];
        LastRun = shortlist.Count == 0 ? null : shortlist.Max(e => e.ComputedAt);
        return true;
    }

    public string? ErrorOf(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
