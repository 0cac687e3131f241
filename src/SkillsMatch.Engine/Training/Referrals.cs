using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Training;

/// <summary>The services a client is referred to for one recorded placement barrier, nearest first.</summary>
public sealed record Referral(string Barrier, string BarrierLabel, IReadOnlyList<SupportService> Services);

public static class Referrals
{
    /// <summary>
    /// For each barrier code, the directory's services for it: county-wide ones and the nearest
    /// local one(s) to the client's home. A barrier without any service is listed with none, so
    /// the gap in the directory shows.
    /// </summary>
    public static IReadOnlyList<Referral> For(IEnumerable<string> barriers, string homeAgs, ReferenceData reference, Language language)
    {
        var home = reference.Regions.Find(homeAgs);
        double Distance(SupportService s) =>
            s.MunicipalityAgs is null ? 0
            : home is null || reference.Regions.Find(s.MunicipalityAgs) is not { } place ? double.MaxValue
            : TravelTimes.DistanceKm(home, place);

        var result = new List<Referral>();
        foreach (var barrier in barriers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var info = reference.Vocabulary.FindBarrier(barrier);
            var label = info is null ? barrier : language == Language.German ? info.LabelDe : info.LabelEn;
            var services = reference.Vocabulary.SupportServices
                .Where(s => string.Equals(s.Barrier, barrier, StringComparison.OrdinalIgnoreCase))
                .OrderBy(Distance)
                .ThenBy(s => s.NameDe, StringComparer.Ordinal)
                .Take(3)
                .ToList();
            result.Add(new Referral(barrier, label, services));
        }

        return result;
    }
}
