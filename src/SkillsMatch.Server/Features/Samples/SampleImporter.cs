using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.ForumRounds;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Features.Samples;

public sealed record ImportCounts(int Employers, int ForumRounds, int Needs, int Comments, int Clients, int Courses, int Outcomes, int Impressions);

/// <summary>
/// Imports the CSV files of a sample folder in one transaction, checking every row with the
/// same validators as the API. Any bad cell refuses the whole import: nothing is written.
/// </summary>
public sealed class SampleImporter(
    SkillsMatchDbContext db,
    ReferenceData reference,
    EmployerValidator employers,
    ForumRoundValidator rounds,
    NeedValidator needs,
    NeedCommentValidator comments,
    ClientValidator clients,
    CourseValidator courses,
    OutcomeValidator outcomes)
{
    private const int MaxErrors = 50;
    private readonly List<CsvImportError> _errors = [];
    private SampleInputs? _cells;

    private SampleInputs Cells => _cells ??= new SampleInputs(AddError);

    public async Task<ImportCounts> ImportAsync(string folder, CancellationToken ct)
    {
        _errors.Clear();
        var employerRows = SampleFiles.Read<EmployerRow>(Path.Combine(folder, SampleFiles.Employers));
        var roundRows = SampleFiles.Read<ForumRoundRow>(Path.Combine(folder, SampleFiles.ForumRounds));
        var needRows = SampleFiles.Read<NeedRow>(Path.Combine(folder, SampleFiles.Needs));
        var commentRows = SampleFiles.Read<NeedCommentRow>(Path.Combine(folder, SampleFiles.Comments));
        var clientRows = SampleFiles.Read<ClientRow>(Path.Combine(folder, SampleFiles.Clients));
        var courseRows = SampleFiles.Read<CourseRow>(Path.Combine(folder, SampleFiles.Courses));
        var outcomeRows = SampleFiles.Read<OutcomeRow>(Path.Combine(folder, SampleFiles.Outcomes));

        // A sample folder from before impressions existed has no impressions.csv.
        var impressionFile = Path.Combine(folder, SampleFiles.Impressions);
        var impressionRows = File.Exists(impressionFile) ? SampleFiles.Read<ImpressionRow>(impressionFile) : [];

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var (row, line) in employerRows)
            {
                var input = new EmployerInput(row.Name, row.Sector, row.MunicipalityAgs, row.ContactName, row.ContactEmail, null);
                if (await CheckAsync(employers, input, SampleFiles.Employers, line, ct))
                {
                    var employer = new Employer { Id = row.Id, Name = row.Name, Sector = row.Sector, MunicipalityAgs = row.MunicipalityAgs, ContactName = row.ContactName, ContactEmail = row.ContactEmail };
                    db.Employers.Add(employer);
                }
            }

            foreach (var (row, line) in roundRows)
            {
                var input = new ForumRoundInput(row.Title, row.Sector, row.RegionCode, row.Date, row.Notes, null);
                if (await CheckAsync(rounds, input, SampleFiles.ForumRounds, line, ct))
                {
                    db.ForumRounds.Add(new ForumRound { Id = row.Id, Title = row.Title, Sector = row.Sector, RegionCode = row.RegionCode, Date = row.Date, Notes = row.Notes });
                }
            }

            await SaveStageAsync(ct);

            foreach (var (row, line) in needRows)
            {
                var (input, kind, status) = Cells.Need(row, SampleFiles.Needs, line);
                if (kind is not null && status is not null && await CheckAsync(needs, input, SampleFiles.Needs, line, ct))
                {
                    var need = new Need { Id = row.Id, Title = row.Title, MunicipalityAgs = row.MunicipalityAgs };
                    input.Apply(need, reference);
                    db.Needs.Add(need);
                }
            }

            await SaveStageAsync(ct);

            foreach (var (row, line) in commentRows)
            {
                if (!needRows.Any(n => n.Row.Id == row.NeedId))
                {
                    AddError(SampleFiles.Comments, line, "need_id", $"Unknown need {row.NeedId}.");
                }
                else if (await CheckAsync(comments, new NeedCommentInput(row.Author, row.Text), SampleFiles.Comments, line, ct))
                {
                    db.NeedComments.Add(new NeedComment
                    {
                        Id = row.Id,
                        NeedId = row.NeedId,
                        Author = row.Author,
                        Text = row.Text,
                        CreatedAt = new DateTimeOffset(row.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    });
                }
            }

            var references = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (row, line) in clientRows)
            {
                var input = Cells.Client(row, SampleFiles.Clients, line);
                if (!references.Add(row.Reference))
                {
                    AddError(SampleFiles.Clients, line, "reference", $"The reference '{row.Reference}' appears twice.");
                }
                else if (await CheckAsync(clients, input, SampleFiles.Clients, line, ct))
                {
                    var client = new Client { Id = row.Id, Reference = row.Reference, Caseworker = row.Caseworker, HomeMunicipalityAgs = row.HomeMunicipalityAgs };
                    input.Apply(client);
                    db.Clients.Add(client);
                }
            }

            foreach (var (row, line) in courseRows)
            {
                var input = Cells.Course(row, SampleFiles.Courses, line);
                if (await CheckAsync(courses, input, SampleFiles.Courses, line, ct))
                {
                    var course = new Course { Id = row.Id, Provider = row.Provider, Title = row.Title };
                    input.Apply(course);
                    db.Courses.Add(course);
                }
            }

            await SaveStageAsync(ct);

            ImportImpressions(impressionRows, needRows.Select(n => n.Row.Id).ToHashSet(), clientRows.Select(c => c.Row.Id).ToHashSet());
            await SaveStageAsync(ct);

            foreach (var (row, line) in outcomeRows)
            {
                var (input, stage) = Cells.Outcome(row, SampleFiles.Outcomes, line);
                if (stage is not null && await CheckAsync(outcomes, input, SampleFiles.Outcomes, line, ct))
                {
                    db.Outcomes.Add(new Outcome
                    {
                        Id = row.Id,
                        NeedId = row.NeedId,
                        ClientId = row.ClientId,
                        Stage = stage.Value,
                        Reason = row.Reason,
                        Date = row.Date,
                        DecidedBy = row.DecidedBy,
                        RankAtProposal = row.RankAtProposal,
                        PassOverReason = row.PassOverReason,
                        ImpressionId = row.ImpressionId,
                    });
                }
            }

            await SaveStageAsync(ct);
            await db.SyncIdentitiesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return new ImportCounts(employerRows.Count, roundRows.Count, needRows.Count, commentRows.Count, clientRows.Count, courseRows.Count, outcomeRows.Count, impressionRows.Count);
    }

    private void ImportImpressions(List<CsvLine<ImpressionRow>> rows, HashSet<int> needIds, HashSet<int> clientIds)
    {
        foreach (var (row, line) in rows)
        {
            var kind = Cells.ParseEnum<ListKind>(row.Kind, SampleFiles.Impressions, line, "kind");
            var features = row.Features.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : float.NaN).ToArray();
            var valid = kind is not null;
            foreach (var (ok, column, message) in new[]
            {
                (Guid.TryParse(row.ListId, out _), "list_id", $"'{row.ListId}' is not a list id (a GUID)."),
                (needIds.Contains(row.NeedId), "need_id", $"Unknown need {row.NeedId}."),
                (clientIds.Contains(row.ClientId), "client_id", $"Unknown client {row.ClientId}."),
                (row.Rank >= 1, "rank", "The rank starts at 1."),
                (!features.Any(float.IsNaN), "features", $"'{row.Features}' is not a list of numbers separated by ';'."),
            })
            {
                if (!ok)
                {
                    AddError(SampleFiles.Impressions, line, column, message);
                    valid = false;
                }
            }

            if (valid)
            {
                db.Impressions.Add(new Impression
                {
                    Id = row.Id,
                    ListId = Guid.Parse(row.ListId),
                    Kind = kind!.Value,
                    NeedId = row.NeedId,
                    ClientId = row.ClientId,
                    Rank = row.Rank,
                    Ranker = row.Ranker,
                    FeatureSchema = row.FeatureSchema,
                    Features = Impression.Pack(features),
                    ShownAt = new DateTimeOffset(row.ShownOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                });
            }
        }
    }

    /// <summary>Writes the rows so far inside the transaction, so later validators can see them; stops at the first bad stage.</summary>
    private async Task SaveStageAsync(CancellationToken ct)
    {
        if (_errors.Count > 0)
        {
            throw new CsvImportException([.. _errors]);
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<bool> CheckAsync<T>(IValidator<T> validator, T input, string file, long line, CancellationToken ct)
    {
        ValidationResult result = await validator.ValidateAsync(input, ct);
        foreach (var failure in result.Errors)
        {
            AddError(file, line, SampleFiles.SnakeCase(failure.PropertyName.Split('[', '.')[0]), failure.ErrorMessage);
        }

        return result.IsValid;
    }

    private void AddError(string file, long line, string column, string message)
    {
        _errors.Add(new CsvImportError(file, line, column, message));
        if (_errors.Count >= MaxErrors)
        {
            throw new CsvImportException([.. _errors]);
        }
    }
}
