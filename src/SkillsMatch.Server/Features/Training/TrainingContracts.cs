using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Training;

public sealed record GapItemResponse(GapKind Kind, string Id, string Label, int Required, int Current);

public sealed record PlanStepResponse(int CourseId, string CourseTitle, string Provider, DateOnly Start, DateOnly End, int Weeks, string Term, decimal CostEuros, IReadOnlyList<GapItemResponse> Closes, bool Prerequisite)
{
    public string Funding { get; init; } = "";
}

public sealed record TrainingPlanResponse(
    bool ReadyInTime,
    DateOnly ReadyBy,
    DateOnly NeedStart,
    int TrainingWeeks,
    decimal CostEuros,
    IReadOnlyList<GapItemResponse> Gap,
    IReadOnlyList<PlanStepResponse> Steps,
    IReadOnlyList<GapItemResponse> Uncovered,
    IReadOnlyList<GapItemResponse> NotInTime,
    IReadOnlyList<string> Explanation)
{
    /// <summary>Funding instruments of the steps (Bildungsgutschein, AVGS, …).</summary>
    public IReadOnlyList<string> Funding { get; init; } = [];

    /// <summary>Gap items the employer teaches on the job (Einarbeitung), and for how many weeks.</summary>
    public IReadOnlyList<GapItemResponse> OnTheJob { get; init; } = [];

    public int FamiliarisationWeeks { get; init; }

    /// <summary>Gap items courses teach, but in no cohort the client can attend (weekly hours, care duties).</summary>
    public IReadOnlyList<GapItemResponse> NoCohortFits { get; init; } = [];

    public static TrainingPlanResponse? From(TrainingPlan? plan) => plan is null ? null : new(
        plan.ReadyInTime,
        plan.ReadyBy,
        plan.NeedStart,
        plan.TrainingWeeks,
        plan.CostEuros,
        [.. plan.Gap.Select(Item)],
        [.. plan.Steps.Select(s => new PlanStepResponse(
            s.CourseId, s.CourseTitle, s.Provider, s.Start, s.End, s.Weeks, s.Weeks <= CourseOffer.ShortTermWeeks ? "short" : "medium",
            s.CostEuros, [.. s.Closes.Select(Item)], s.Prerequisite) { Funding = s.Funding })],
        [.. plan.Uncovered.Select(Item)],
        [.. plan.NotInTime.Select(Item)],
        plan.Explanation)
    {
        Funding = plan.Funding,
        OnTheJob = [.. plan.OnTheJob.Select(Item)],
        FamiliarisationWeeks = plan.FamiliarisationWeeks,
        NoCohortFits = [.. plan.NoCohortFits.Select(Item)],
    };

    private static GapItemResponse Item(GapItem g) => new(g.Kind, g.Id, g.Label, g.Required, g.Current);
}

public sealed record SupportServiceResponse(string Name, string Provider, string? MunicipalityAgs, string Contact, bool Verified, string? MunicipalityName);

public sealed record ReferralResponse(string Barrier, string Label, IReadOnlyList<SupportServiceResponse> Services)
{
    public static ReferralResponse From(Referral r, bool german, RegionCatalog regions) => new(
        r.Barrier, r.BarrierLabel,
        [.. r.Services.Select(s => new SupportServiceResponse(german ? s.NameDe : s.NameEn, s.Provider, s.MunicipalityAgs, s.Contact, s.Verified,
            s.MunicipalityAgs is null ? null : regions.Find(s.MunicipalityAgs)?.Name))]);
}

public sealed record ClientPlanResponse(int ClientId, int NeedId, TrainingPlanResponse Plan, IReadOnlyList<ReferralResponse> Referrals) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => [ClientId];

    int? IClientData.NeedId => NeedId;
}

/// <summary>A client ready in time with training, with the rank, fit and score of the need's candidate list.</summary>
public sealed record TrainedCandidateResponse(int ClientId, string Reference, int Rank, int Fit, double Score, DateOnly ReadyBy, TrainingPlanResponse Plan);

public sealed record NeedTrainingResponse(int NeedId, IReadOnlyList<TrainedCandidateResponse> Candidates, PoolingReport Courses, NeedSummary Need) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => Candidates.Select(c => c.ClientId);

    int? IClientData.NeedId => NeedId;
}
