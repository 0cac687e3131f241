using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Tests;

/// <summary>The region pooling ranks candidates lazily and skips needs no cohort can serve; the answer must not change.</summary>
public sealed class CohortPoolingTests : IDisposable
{
    private readonly SeededSkillsMatchFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Region_pooling_equals_pooling_every_need_with_every_retrieved_candidate_planned()
    {
        var http = factory.CreateClient();
        await AssertSameAsReferenceAsync(http);

        // Again with a learned correction: the bound then includes the ranker's largest correction.
        await factory.WithDbAsync(db => factory.Services.GetRequiredService<RankerHost>().TrainAsync(db, factory.Clock.GetUtcNow(), default));
        Assert.NotNull(factory.Services.GetRequiredService<RankerStore>().Active.Ranker.Model);
        await AssertSameAsReferenceAsync(http);
    }

    private async Task AssertSameAsReferenceAsync(HttpClient http)
    {
        var from = new DateOnly(2026, 7, 1);
        var to = new DateOnly(2028, 7, 1);
        var answer = await (await http.GetAsync($"/api/training/cohorts?region=07339&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}")).JsonAsync();

        var expected = await factory.WithDbAsync(async db =>
        {
            var reference = factory.Services.GetRequiredService<ReferenceData>();
            var municipalities = reference.Regions.InRegion("07339").Select(m => m.Ags).ToList();
            var needs = await db.Needs.AsNoTracking()
                .Where(n => municipalities.Contains(n.MunicipalityAgs) && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Draft)
                    && n.PeriodStart >= from && n.PeriodStart <= to)
                .ToListAsync();
            var matcher = (await factory.Services.GetRequiredService<CandidateIndexHost>().CurrentAsync(db, default)).RescoringEveryRow();
            var ranked = needs
                .Select(n => new NeedCandidates(n.ToProfile(), n.EmployerId, matcher.CandidatesFor(n.ToProfile(), 50, factory.Today, Language.German)))
                .ToList();
            return Pooling.Build(ranked, matcher.Training!);
        });

        Assert.NotEmpty(expected.GroupCourses);
        Assert.NotEmpty(expected.ToCommission);
        Assert.Contains(expected.GroupCourses, c => c.ClientsReadyInTime > 0);
        Assert.True(JsonElement.DeepEquals(JsonSerializer.SerializeToElement(Features.Training.PoolingReportView.Exact(expected), SkillsMatchFactory.Json), answer));
    }
}
