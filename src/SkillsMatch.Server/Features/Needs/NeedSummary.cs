using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Needs;

/// <summary>A need by name: its title, its employer and its place, ids kept beside the names.</summary>
public sealed record NeedSummary(int Id, string Title, int EmployerId, string EmployerName, string MunicipalityAgs, string? MunicipalityName, DateOnly PeriodStart, DateOnly? PeriodEnd)
{
    public static async Task<NeedSummary> ForAsync(Need need, SkillsMatchDbContext db, ReferenceData reference, CancellationToken ct)
    {
        var employer = await db.Employers.AsNoTracking().Where(e => e.Id == need.EmployerId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return new NeedSummary(need.Id, need.Title, need.EmployerId, employer ?? "", need.MunicipalityAgs, reference.Regions.Find(need.MunicipalityAgs)?.Name, need.PeriodStart, need.PeriodEnd);
    }

    /// <summary>The names of the employers of <paramref name="employerIds"/>, in one query.</summary>
    public static async Task<Dictionary<int, string>> EmployerNamesAsync(SkillsMatchDbContext db, IEnumerable<int> employerIds, CancellationToken ct)
    {
        var ids = employerIds.Distinct().ToList();
        return await db.Employers.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }
}
