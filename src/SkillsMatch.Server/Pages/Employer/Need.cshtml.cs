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
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Employer;

public sealed class CommentForm
{
    public string? Author { get; set; }

    public string? Text { get; set; }
}

/// <summary>
/// One of the organisation's needs: its details, the comments, and the candidates as the employer API shows
/// them (pseudonymous, consenting clients only) with its feedback. Another employer's need is 404.
/// </summary>
public sealed class NeedModel(
    SkillsMatchDbContext db, ReferenceData reference, Access access, CandidateIndexHost host, Pseudonyms pseudonyms,
    TimeProvider clock, AuditRecorder audit) : PageModel
{
    public NeedResponse Need { get; private set; } = null!;

    public string? ForumRoundTitle { get; private set; }

    public IReadOnlyList<NeedCommentResponse> Comments { get; private set; } = [];

    public IReadOnlyList<PseudonymousCandidateRow> Candidates { get; private set; } = [];

    /// <summary>The latest verdict per pseudonym.</summary>
    public IReadOnlyDictionary<string, FeedbackVerdict> Verdicts { get; private set; } = new Dictionary<string, FeedbackVerdict>();

    public ReferenceData Reference => reference;

    [BindProperty]
    public CommentForm Comment { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Comment.Author = User.Identity?.Name;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCommentAsync(int id, [FromServices] NeedCommentValidator validator, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await NeedCommentEndpoints.Add(id, new NeedCommentInput(Comment.Author, Comment.Text), validator, db, access, clock, ct);
        switch (result.Result)
        {
            case Created<NeedCommentResponse>:
                Notice = Texts.Pick("Ihr Kommentar ist gespeichert.", "Your comment is saved.");
                return RedirectToPage(new { id });
            case ValidationProblem problem:
                ModelState.AddProblem(problem, key => key switch
                {
                    "author" => "Comment.Author",
                    "text" => "Comment.Text",
                    _ => "",
                });
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFeedbackAsync(int id, string? pseudonym, FeedbackVerdict? verdict, [FromServices] FeedbackValidator validator, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await EmployerViewEndpoints.Feedback(id, new FeedbackInput(pseudonym, verdict, null), validator, db, pseudonyms, access, clock, ct);

        // The API records who answered about which client (its group is audited); so does the page.
        var (status, clients) = result.Result switch
        {
            Created<FeedbackResponse> created => (StatusCodes.Status201Created, new[] { created.Value!.Behind }),
            ValidationProblem => (StatusCodes.Status400BadRequest, []),
            _ => (StatusCodes.Status404NotFound, Array.Empty<int>()),
        };
        await audit.RecordAsync(HttpContext, status, clients, null, id);
        switch (result.Result)
        {
            case Created<FeedbackResponse> created:
                var saved = created.Value!;
                Notice = Texts.Pick(
                    $"Ihre Rückmeldung zu {saved.Pseudonym} ist gespeichert: {EmployerTexts.Verdict(saved.Verdict)}.",
                    $"Your feedback on {saved.Pseudonym} is saved: {EmployerTexts.Verdict(saved.Verdict)}.")
                    + (saved.Verdict == FeedbackVerdict.Interested ? Texts.Pick(" Das Jobcenter meldet sich bei Ihnen.", " The job centre will get in touch.") : "");
                return RedirectToPage(new { id });
            case ValidationProblem problem:
                ModelState.AddProblem(problem, _ => "");
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The need and what belongs to it, each through the API's own code; false when the user may not see it.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if ((await NeedEndpoints.Get(id, db, reference, access, HttpContext, ct)).Result is not Ok<NeedResponse> need)
        {
            // The API's candidates answer records its refusals too.
            await audit.RecordAsync(HttpContext, StatusCodes.Status404NotFound, [], null, id);
            return false;
        }

        // A page, not the API: no ETag of the need on it.
        Response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.ETag);
        Need = need.Value!;
        if (Need.ForumRoundId is { } round)
        {
            ForumRoundTitle = await db.ForumRounds.AsNoTracking().Where(r => r.Id == round).Select(r => r.Title).FirstOrDefaultAsync(ct);
        }

        if ((await NeedCommentEndpoints.List(id, db, access, ct)).Result is Ok<List<NeedCommentResponse>> comments)
        {
            Comments = comments.Value!;
        }

        // Candidates and feedback name clients (behind pseudonyms): one audit entry for the page, as the audited API would write.
        var seen = new HashSet<int>();
        if ((await EmployerViewEndpoints.PseudonymousCandidates(id, null, db, host, pseudonyms, access, clock, ct)).Result is Ok<PseudonymousCandidatesResponse> candidates)
        {
            Candidates = candidates.Value!.Candidates;
            seen.UnionWith(candidates.Value.Behind);
        }

        if ((await EmployerViewEndpoints.FeedbackOn(id, db, access, ct)).Result is Ok<List<FeedbackResponse>> feedback)
        {
            Verdicts = feedback.Value!.GroupBy(f => f.Pseudonym).ToDictionary(g => g.Key, g => g.Last().Verdict);
            seen.UnionWith(feedback.Value!.Select(f => f.Behind));
        }

        await audit.RecordAsync(HttpContext, StatusCodes.Status200OK, seen, null, id);
        return true;
    }

    public string? ErrorId(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? PageTexts.FieldId(key) + "-error" : null;
}
