using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>
/// A candidate as an employer sees one: a pseudonym that is stable for this need (and differs from
/// need to need, so lists cannot be joined), the fit and its explanation, and whether training comes
/// first. No id, reference, contact, birth date, address or protected attribute.
/// </summary>
public sealed record PseudonymousCandidateRow(int Rank, string Pseudonym, int Fit, IReadOnlyList<string> Explanation, bool TrainingFirst, DateOnly? ReadyBy);

public sealed record PseudonymousCandidatesResponse(int NeedId, string Ranker, IReadOnlyList<PseudonymousCandidateRow> Candidates) : IClientData
{
    /// <summary>Who is behind the pseudonyms, for the audit log only; never serialised.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> Behind { get; init; } = [];

    IEnumerable<int> IClientData.ClientIds => Behind;

    int? IClientData.NeedId => NeedId;
}

public enum FeedbackVerdict
{
    Interested,
    NotSuitable,
}

public sealed record FeedbackInput(string? Pseudonym, FeedbackVerdict? Verdict, string? Comment);

/// <summary>Feedback as its reader may see it: employers by pseudonym only; caseworkers also the client id.</summary>
public sealed record FeedbackResponse(long Id, int NeedId, string Pseudonym, int? ClientId, FeedbackVerdict Verdict, string? Comment, DateTimeOffset CreatedAt) : IClientData
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int Behind { get; init; }

    IEnumerable<int> IClientData.ClientIds => [Behind];

    int? IClientData.NeedId => NeedId;
}

/// <summary>An employer's answer to a pseudonymous candidate; the caseworker acts on it.</summary>
public sealed class EmployerFeedback
{
    public long Id { get; set; }
    public int NeedId { get; set; }

    /// <summary>Removed with the client (erasure): feedback names a person.</summary>
    public int ClientId { get; set; }
    public required string Pseudonym { get; set; }
    public FeedbackVerdict Verdict { get; set; }
    public string? Comment { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EmployerFeedbackConfiguration : IEntityTypeConfiguration<EmployerFeedback>
{
    public void Configure(EntityTypeBuilder<EmployerFeedback> builder)
    {
        builder.Property(f => f.Pseudonym).HasMaxLength(16);
        builder.Property(f => f.Comment).HasMaxLength(Limits.Text);
        builder.Property(f => f.UserId).HasMaxLength(Limits.Name);
        builder.Property(f => f.Verdict).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Need>().WithMany().HasForeignKey(f => f.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(f => f.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.NeedId, f.ClientId });
    }
}

public sealed class FeedbackValidator : AbstractValidator<FeedbackInput>
{
    public FeedbackValidator()
    {
        RuleFor(f => f.Pseudonym).NotEmpty().MaximumLength(16);
        RuleFor(f => f.Verdict).NotNull();
        RuleFor(f => f.Comment).Text(Limits.Text);
    }
}

/// <summary>
/// Pseudonyms per need: HMAC-SHA256 of need and client under a secret key — <c>Privacy:PseudonymKey</c>,
/// or, when unset, one derived from the oldest data-protection key in the database, which every instance shares.
/// </summary>
public sealed class Pseudonyms(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private byte[]? _key;

    public async Task<string> OfAsync(int needId, int clientId, CancellationToken ct) => Of(await KeyAsync(ct), needId, clientId);

    public async Task<Func<int, string>> ForNeedAsync(int needId, CancellationToken ct)
    {
        var key = await KeyAsync(ct);
        return clientId => Of(key, needId, clientId);
    }

    private static string Of(byte[] key, int needId, int clientId)
    {
        var hash = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{needId}:{clientId}"));
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[hash[i] % alphabet.Length];
        }

        return "K-" + new string(chars);
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } key)
        {
            return key;
        }

        if (configuration["Privacy:PseudonymKey"] is { Length: >= 16 } configured)
        {
            return _key = SHA256.HashData(Encoding.UTF8.GetBytes("skillsmatch-pseudonyms|" + configured));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        var xml = await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).FirstOrDefaultAsync(ct);
        if (xml is null)
        {
            // No key yet (no one has signed in on this database): make one, as a sign-in would.
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("pseudonyms").Protect([0]);
            xml = await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).FirstAsync(ct);
        }

        return _key = SHA256.HashData(Encoding.UTF8.GetBytes("skillsmatch-pseudonyms|" + xml));
    }
}

public static class EmployerViewEndpoints
{
    public static void MapEmployerViewEndpoints(this IEndpointRouteBuilder routes)
    {
        // Employers see candidates for their own needs; caseworkers may preview what an employer sees.
        var group = routes.MapGroup("/api/needs/{id:int}").WithTags("Matching").RequireAuthorization(Policies.Forum).Audited();

        group.MapGet("/pseudonymous-candidates", async Task<Results<Ok<PseudonymousCandidatesResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, int? top, SkillsMatchDbContext db, CandidateIndexHost host, Pseudonyms pseudonyms, Access access, TimeProvider clock, CancellationToken ct) =>
            await PseudonymousCandidates(id, top, db, host, pseudonyms, access, clock, ct))
            .WithSummary("Candidates for a need as an employer sees them: pseudonymous, consenting clients only.");

        group.MapPost("/feedback", async Task<Results<Created<FeedbackResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, FeedbackInput input, FeedbackValidator validator, SkillsMatchDbContext db, Pseudonyms pseudonyms, Access access, TimeProvider clock, CancellationToken ct) =>
            await Feedback(id, input, validator, db, pseudonyms, access, clock, ct))
            .RequireAuthorization(Policies.Employer).WithSummary("An employer's feedback on a pseudonymous candidate.");

        group.MapGet("/feedback", async Task<Results<Ok<List<FeedbackResponse>>, ProblemHttpResult>> (int id, SkillsMatchDbContext db, Access access, CancellationToken ct) =>
            await FeedbackOn(id, db, access, ct))
            .WithSummary("Employers' feedback on a need's candidates; the client id for caseworkers only.");
    }

    /// <summary>A need's candidates as an employer sees them (callers outside the audited group record the audit entry themselves).</summary>
    internal static async Task<Results<Ok<PseudonymousCandidatesResponse>, ValidationProblem, ProblemHttpResult>> PseudonymousCandidates(
        int id, int? top, SkillsMatchDbContext db, CandidateIndexHost host, Pseudonyms pseudonyms, Access access, TimeProvider clock, CancellationToken ct)
    {
        if (MatchingEndpoints.CheckTop(top) is { } problem)
        {
            return problem;
        }

        var need = await NeedEndpoints.Visible(db.Needs.AsNoTracking(), access).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null)
        {
            return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
        }

        // Consent is read from the database on every request, so a withdrawn consent counts at once.
        var consenting = (await db.Clients.AsNoTracking().Where(c => c.ConsentToShare).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var matcher = await host.CurrentAsync(db, ct);
        var ranked = matcher.CandidatesFor(need.ToProfile(), top ?? 20, clock.Today(), Texts.Current, include: consenting.Contains);
        var pseudonym = await pseudonyms.ForNeedAsync(id, ct);
        return TypedResults.Ok(new PseudonymousCandidatesResponse(id, matcher.Ranker.Name,
            [.. ranked.Select((r, i) => new PseudonymousCandidateRow(i + 1, pseudonym(r.ClientId), r.Fit, r.Explanation, r.Plan is { Steps.Count: > 0 }, r.Plan?.ReadyBy))])
        {
            Behind = [.. ranked.Select(r => r.ClientId)],
        });
    }

    /// <summary>An employer's feedback on one pseudonymous candidate of a need.</summary>
    internal static async Task<Results<Created<FeedbackResponse>, ValidationProblem, ProblemHttpResult>> Feedback(
        int id, FeedbackInput input, FeedbackValidator validator, SkillsMatchDbContext db, Pseudonyms pseudonyms, Access access, TimeProvider clock, CancellationToken ct)
    {
        if (!await NeedEndpoints.Visible(db.Needs, access).AnyAsync(n => n.Id == id, ct))
        {
            return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
        }

        var problems = new ProblemBuilder();
        problems.Add(await validator.ValidateAsync(input, ct));
        int? clientId = null;
        if (!problems.HasErrors)
        {
            var pseudonym = await pseudonyms.ForNeedAsync(id, ct);
            var consenting = await db.Clients.AsNoTracking().Where(c => c.ConsentToShare).Select(c => c.Id).ToListAsync(ct);
            clientId = consenting.Cast<int?>().FirstOrDefault(c => pseudonym(c!.Value) == input.Pseudonym);
            if (clientId is null)
            {
                problems.Add("pseudonym", Texts.Pick("Diese Kennung gehört zu keiner Kandidatin und keinem Kandidaten dieses Bedarfs.", "This pseudonym belongs to no candidate of this need."));
            }
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var feedback = new EmployerFeedback
        {
            NeedId = id,
            ClientId = clientId!.Value,
            Pseudonym = input.Pseudonym!,
            Verdict = input.Verdict!.Value,
            Comment = input.Comment?.Trim(),
            UserId = access.UserId ?? "",
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(feedback);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/needs/{id}/feedback", ToResponse(feedback, access));
    }

    internal static async Task<Results<Ok<List<FeedbackResponse>>, ProblemHttpResult>> FeedbackOn(int id, SkillsMatchDbContext db, Access access, CancellationToken ct)
    {
        if (!await NeedEndpoints.Visible(db.Needs, access).AnyAsync(n => n.Id == id, ct))
        {
            return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
        }

        var rows = await db.Set<EmployerFeedback>().AsNoTracking().Where(f => f.NeedId == id).OrderBy(f => f.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(f => ToResponse(f, access)).ToList());
    }

    private static FeedbackResponse ToResponse(EmployerFeedback f, Access access) =>
        new(f.Id, f.NeedId, f.Pseudonym, access.IsCaseworker ? f.ClientId : null, f.Verdict, f.Comment, f.CreatedAt) { Behind = f.ClientId };
}
