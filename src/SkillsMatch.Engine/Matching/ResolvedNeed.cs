namespace SkillsMatch.Engine.Matching;

/// <summary>A need with its ids resolved to indices of the taxonomy, vocabulary and travel matrix.</summary>
internal sealed class ResolvedNeed
{
    public required int Id { get; init; }
    public required int[] MustSkills { get; init; }
    public required int[] MustLevels { get; init; }
    public required int[] NiceSkills { get; init; }
    public required int[] NiceLevels { get; init; }
    public required ulong CertificateMask { get; init; }

    /// <summary>Nice-to-have certificates, never one that is also required; counted with the nice-to-have skills.</summary>
    public required ulong NiceCertificateMask { get; init; }
    public required (int Language, int Level)[] Languages { get; init; }
    public required int Occupation { get; init; }
    public required string? IscoGroup { get; init; }
    public required int StartDay { get; init; }
    public required int HoursPerWeek { get; init; }
    public required int Municipality { get; init; }
    public required int MaxCommuteMinutes { get; init; }

    public static ResolvedNeed From(NeedProfile need, CandidateIndex index)
    {
        var taxonomy = index.Reference.Taxonomy;
        (int[] Skills, int[] Levels) Resolve(IReadOnlyList<SkillLevel> list)
        {
            var pairs = list
                .Select(s => (Skill: taxonomy.FindSkill(s.SkillId)?.Index ?? -1, Level: Math.Clamp(s.Level, 1, 4)))
                .Where(p => p.Skill >= 0)
                .DistinctBy(p => p.Skill)
                .ToArray();
            return ([.. pairs.Select(p => p.Skill)], [.. pairs.Select(p => p.Level)]);
        }

        var (must, mustLevels) = Resolve(need.MustHave);
        var (nice, niceLevels) = Resolve(need.NiceToHave.Where(n => need.MustHave.All(m => m.SkillId != n.SkillId)).ToList());
        ulong Mask(IReadOnlyList<string> codes)
        {
            ulong mask = 0;
            foreach (var code in codes)
            {
                var bit = index.CertificateBit(code);
                if (bit >= 0)
                {
                    mask |= 1UL << bit;
                }
            }

            return mask;
        }

        var certificates = Mask(need.Certificates);

        var occupation = need.OccupationId is null ? null : taxonomy.FindOccupation(need.OccupationId);
        return new ResolvedNeed
        {
            Id = need.Id,
            MustSkills = must,
            MustLevels = mustLevels,
            NiceSkills = nice,
            NiceLevels = niceLevels,
            CertificateMask = certificates,
            NiceCertificateMask = Mask(need.NiceToHaveCertificates) & ~certificates,
            Languages = [.. need.Languages.Select(l => (index.LanguageIndex(l.Code), l.Level)).Where(l => l.Item1 >= 0)],
            Occupation = occupation?.Index ?? -1,
            IscoGroup = occupation?.IscoGroup,
            StartDay = need.PeriodStart.DayNumber,
            HoursPerWeek = Math.Max(1, need.HoursPerWeek),
            Municipality = index.Travel.IndexOf(need.MunicipalityAgs),
            MaxCommuteMinutes = need.MaxCommuteMinutes ?? int.MaxValue,
        };
    }
}
