using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Training;

/// <summary>A group course as a report shows it; a client count below the threshold is null and marked suppressed.</summary>
public sealed record GroupCourseView(
    int CourseId, string CourseTitle, string Provider, DateOnly CohortStart, int FreeSeats,
    IReadOnlyList<int> NeedIds, IReadOnlyList<int> EmployerIds, int? ClientsReadyInTime, bool Suppressed, IReadOnlyList<string> Closes);

public sealed record CommissioningView(GapKind Kind, string Id, string Label, int Needs, int Employers, int? ClientsAffected, bool Suppressed);

/// <summary>
/// Training demand: exact for caseworkers, who see the clients anyway; for planners and training
/// providers, client counts below <c>Privacy:MinCount</c> (default 5) are suppressed, so no row
/// points at one or two identifiable people.
/// </summary>
public sealed record PoolingReportView(IReadOnlyList<GroupCourseView> GroupCourses, IReadOnlyList<CommissioningView> ToCommission, int? SuppressedBelow)
{
    public const int DefaultMinCount = 5;

    public static PoolingReportView For(PoolingReport report, Access access, IConfiguration configuration) =>
        Suppressed(report, access.IsCaseworker ? null : Math.Max(1, configuration.GetValue("Privacy:MinCount", DefaultMinCount)));

    /// <summary>The report as a caseworker sees it: every count exact.</summary>
    public static PoolingReportView Exact(PoolingReport report) => Suppressed(report, null);

    private static PoolingReportView Suppressed(PoolingReport report, int? min)
    {
        bool Hide(int count) => min is { } m && count > 0 && count < m;
        return new PoolingReportView(
            [.. report.GroupCourses.Select(g => new GroupCourseView(g.CourseId, g.CourseTitle, g.Provider, g.CohortStart, g.FreeSeats, g.NeedIds, g.EmployerIds,
                Hide(g.ClientsReadyInTime) ? null : g.ClientsReadyInTime, Hide(g.ClientsReadyInTime), g.Closes))],
            [.. report.ToCommission.Select(c => new CommissioningView(c.Kind, c.Id, c.Label, c.Needs, c.Employers,
                Hide(c.ClientsAffected) ? null : c.ClientsAffected, Hide(c.ClientsAffected)))],
            min);
    }
}
