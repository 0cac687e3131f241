using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>What the report pages share: a default period that renders fast, and the API's problems moved onto the form's fields.</summary>
public static class ReportDefaults
{
    /// <summary>The calendar month holding <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) Month(DateOnly today)
    {
        var from = new DateOnly(today.Year, today.Month, 1);
        return (from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary>The regions a report can be limited to: districts (Kreise, kreisfreie Städte) and municipal associations, each by name.</summary>
    public static (IReadOnlyList<(string Code, string Name)> Districts, IReadOnlyList<(string Code, string Name)> Associations) Regions(ReferenceData reference)
    {
        var municipalities = reference.Regions.Municipalities;
        return (
            [.. municipalities.DistinctBy(m => m.DistrictAgs).OrderBy(m => m.District, StringComparer.CurrentCulture).Select(m => (m.DistrictAgs, m.District))],
            [.. municipalities.DistinctBy(m => m.AssociationCode).OrderBy(m => m.Association, StringComparer.CurrentCulture).Select(m => (m.AssociationCode, m.Association))]);
    }

    /// <summary>The district with the most open needs: the job centre's own county, where the catalogue also lists its neighbours.</summary>
    public static async Task<string?> HomeDistrictAsync(SkillsMatchDbContext db, ReferenceData reference, CancellationToken ct)
    {
        var byMunicipality = await db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Open)
            .GroupBy(n => n.MunicipalityAgs).Select(g => new { Ags = g.Key, Count = g.Count() }).ToListAsync(ct);
        return byMunicipality
            .GroupBy(m => reference.Regions.Find(m.Ags)?.DistrictAgs)
            .Where(g => g.Key is not null)
            .OrderByDescending(g => g.Sum(m => m.Count))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
    }

    /// <summary>Each problem under the key of the form field it concerns (unmapped ones go to the page as a whole).</summary>
    public static void CopyErrors(ProblemBuilder problems, ModelStateDictionary modelState, Dictionary<string, string> fields)
    {
        foreach (var (field, messages) in problems.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(fields.GetValueOrDefault(field, ""), message);
            }
        }
    }
}
