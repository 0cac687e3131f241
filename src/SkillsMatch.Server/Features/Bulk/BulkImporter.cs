using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.ForumRounds;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Features.Bulk;

/// <summary>The outcome of one bulk import: counts per kind of row and the first bad rows.</summary>
/// <param name="Imported">False when bad rows refused the whole file (nothing was written).</param>
public sealed record BulkResult(
    string Entity,
    long Rows,
    long Created,
    long Updated,
    long Unchanged,
    long Invalid,
    bool Imported,
    IReadOnlyList<CsvImportError> Errors);

/// <summary>
/// Imports one entity's CSV file (the format of <c>samples/</c>) as a stream, in one transaction:
/// every row passes the API's validator; the <c>id</c> column is the external id and the upsert
/// key (clients' <c>reference</c> stays unique besides). Any bad row refuses the file unless
/// <c>skipInvalid</c>, which imports the good rows and reports the bad ones. A row equal to the
/// stored record is left alone, so importing a file twice changes nothing (versions included).
/// </summary>
public sealed class BulkImporter(
    SkillsMatchDbContext db,
    CandidateIndexHost index,
    ReferenceData reference,
    EmployerValidator employers,
    ForumRoundValidator rounds,
    NeedValidator needs,
    ClientValidator clients,
    CourseValidator courses,
    OutcomeValidator outcomes)
{
    public const int MaxErrors = 1000;

    /// <summary>Where the time of the last import went: reading CSV, checking rows, writing to the database.</summary>
    public (TimeSpan Read, TimeSpan Check, TimeSpan Write) Timings => (_read.Elapsed, _check.Elapsed, _write.Elapsed);

    private readonly System.Diagnostics.Stopwatch _read = new();
    private readonly System.Diagnostics.Stopwatch _check = new();
    private readonly System.Diagnostics.Stopwatch _write = new();

    /// <summary>Rows written per SaveChanges inside the one transaction.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Runs the import. <paramref name="reaches"/> limits client and outcome rows to the caseloads
    /// a caseworker reaches (null: every caseload, for admins and the command line);
    /// <paramref name="progress"/> hears the number of rows read after every batch.
    /// </summary>
    public async Task<BulkResult> ImportAsync(
        BulkEntity entity, Stream csv, bool skipInvalid, Func<string, bool>? reaches, Action<long>? progress, CancellationToken ct)
    {
        var run = new Run(entity.FileName(), skipInvalid);
        var cells = new SampleInputs(run.AddError);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            switch (entity)
            {
                case BulkEntity.Employers:
                    await RunAsync<EmployerRow, Employer>(run, csv, db.Employers, progress, r => r.Id, SampleInputs.Row,
                        id => new Employer { Id = id, Name = "", Sector = "", MunicipalityAgs = "" },
                        async (row, line) =>
                        {
                            var input = SampleInputs.Employer(row);
                            return await run.CheckAsync(employers, input, line, ct) ? e => EmployerEndpoints.Apply(input, e, reference) : null;
                        }, null, ct);
                    break;
                case BulkEntity.ForumRounds:
                    await RunAsync<ForumRoundRow, ForumRound>(run, csv, db.ForumRounds, progress, r => r.Id, SampleInputs.Row,
                        id => new ForumRound { Id = id, Title = "" },
                        async (row, line) =>
                        {
                            var input = SampleInputs.ForumRound(row);
                            return await run.CheckAsync(rounds, input, line, ct) ? r => ForumRoundEndpoints.Apply(input, r, reference) : null;
                        }, null, ct);
                    break;
                case BulkEntity.Needs:
                    await RunAsync<NeedRow, Need>(run, csv, db.Needs, progress, r => r.Id, SampleInputs.Row,
                        id => new Need { Id = id, Title = "", MunicipalityAgs = "" },
                        async (row, line) =>
                        {
                            var before = run.ErrorCount;
                            var (input, kind, status) = cells.Need(row, run.File, line);
                            var valid = await run.CheckAsync(needs, input, line, ct);
                            return valid && kind is not null && status is not null && run.ErrorCount == before ? n => input.Apply(n, reference) : null;
                        }, null, ct);
                    break;
                case BulkEntity.Clients:
                    await ImportClientsAsync(run, cells, csv, reaches, progress, ct);
                    break;
                case BulkEntity.Courses:
                    await RunAsync<CourseRow, Course>(run, csv, db.Courses, progress, r => r.Id, SampleInputs.Row,
                        id => new Course { Id = id, Provider = "", Title = "" },
                        async (row, line) =>
                        {
                            var before = run.ErrorCount;
                            var input = cells.Course(row, run.File, line);
                            var valid = await run.CheckAsync(courses, input, line, ct);
                            return valid && run.ErrorCount == before ? c => input.Apply(c) : null;
                        }, null, ct);
                    break;
                case BulkEntity.Outcomes:
                    await ImportOutcomesAsync(run, cells, csv, reaches, progress, ct);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(entity));
            }

            if (run.Invalid > 0 && !skipInvalid)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new BulkResult(entity.Name(), run.Rows, 0, 0, 0, run.Invalid, false, run.Errors);
            }

            await db.SyncIdentitiesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (run.Created + run.Updated > 0 && entity is BulkEntity.Clients or BulkEntity.Needs or BulkEntity.Courses)
        {
            await index.RefreshAsync(db, ct);
        }

        return new BulkResult(entity.Name(), run.Rows, run.Created, run.Updated, run.Unchanged, run.Invalid, true, run.Errors);
    }

    private Task ImportClientsAsync(Run run, SampleInputs cells, Stream csv, Func<string, bool>? reaches, Action<long>? progress, CancellationToken ct)
    {
        var references = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, int> taken = [];
        HashSet<int> foreign = [];
        return RunAsync<ClientRow, Client>(run, csv, db.Clients, progress, r => r.Id, SampleInputs.Row,
            id => new Client { Id = id, Reference = "", Caseworker = "", HomeMunicipalityAgs = "" },
            async (row, line) =>
            {
                var before = run.ErrorCount;
                var input = cells.Client(row, run.File, line);
                var valid = await run.CheckAsync(clients, input, line, ct);
                if (!references.Add(row.Reference))
                {
                    run.AddError(line, "reference", $"The reference '{row.Reference}' appears twice.");
                }
                else if (taken.TryGetValue(row.Reference, out var other) && other != row.Id)
                {
                    run.AddError(line, "reference", $"The reference '{row.Reference}' belongs to client {other}.");
                }

                if (foreign.Contains(row.Id))
                {
                    run.AddError(line, "id", $"Client {row.Id} is in a caseload outside your reach.");
                }

                if (reaches is not null && !reaches(row.Caseworker))
                {
                    run.AddError(line, "caseworker", $"The caseload '{row.Caseworker}' is outside your reach.");
                }

                return valid && run.ErrorCount == before ? c => input.Apply(c) : null;
            },
            async (batch, existing) =>
            {
                var refs = batch.Select(r => r.Reference).ToList();
                taken = await db.Clients.AsNoTracking().Where(c => refs.Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, c => c.Id, ct);
                // A stored client outside the caseworker's reach is not theirs to change either.
                foreign = reaches is null ? [] : [.. existing.Values.Where(c => !reaches(c.Caseworker)).Select(c => c.Id)];
            }, ct);
    }

    private Task ImportOutcomesAsync(Run run, SampleInputs cells, Stream csv, Func<string, bool>? reaches, Action<long>? progress, CancellationToken ct)
    {
        Dictionary<int, string> caseloads = [];
        return RunAsync<OutcomeRow, Outcome>(run, csv, db.Outcomes, progress, r => r.Id, SampleInputs.Row,
            id => new Outcome { Id = id },
            async (row, line) =>
            {
                var before = run.ErrorCount;
                var (input, stage) = cells.Outcome(row, run.File, line);
                var valid = await run.CheckAsync(outcomes, input, line, ct);
                if (reaches is not null && caseloads.TryGetValue(row.ClientId, out var caseload) && !reaches(caseload))
                {
                    run.AddError(line, "client_id", $"Client {row.ClientId} is outside your reach.");
                }

                // As through the API: a linked impression's rank is the rank at proposal.
                var rank = row.ImpressionId is { } impression && valid
                    ? await db.Impressions.AsNoTracking().Where(i => i.Id == impression).Select(i => (int?)i.Rank).FirstOrDefaultAsync(ct)
                    : row.RankAtProposal;
                return valid && stage is not null && run.ErrorCount == before ? o => OutcomeEndpoints.Apply(input, o, rank) : null;
            },
            async (batch, existing) =>
            {
                if (reaches is null)
                {
                    return;
                }

                var ids = batch.Select(r => r.ClientId).Concat(existing.Values.Select(o => o.ClientId ?? 0)).Distinct().ToList();
                caseloads = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Caseworker, ct);
            }, ct);
    }

    /// <summary>
    /// The loop every entity shares: read a batch, load the stored records with its ids, check each
    /// row, then add, update or leave alone, and save the batch inside the transaction.
    /// </summary>
    private async Task RunAsync<TRow, TEntity>(
        Run run,
        Stream csv,
        DbSet<TEntity> set,
        Action<long>? progress,
        Func<TRow, int> idOf,
        Func<TEntity, TRow> rowOf,
        Func<int, TEntity> create,
        Func<TRow, long, Task<Action<TEntity>?>> check,
        Func<List<TRow>, Dictionary<int, TEntity>, Task>? prepare,
        CancellationToken ct)
        where TRow : notnull
        where TEntity : class
    {
        var seen = new HashSet<int>();
        var batch = new List<CsvLine<TRow>>(BatchSize);
        _read.Start();
        foreach (var record in SampleFiles.Stream<TRow>(csv, run.File, unescape: true))
        {
            _read.Stop();
            run.Rows++;
            if (record.Errors is { } errors)
            {
                run.AddRowErrors(errors);
                continue;
            }

            batch.Add(new CsvLine<TRow>(record.Row!, record.Line));
            if (batch.Count >= BatchSize)
            {
                await BatchAsync();
                progress?.Invoke(run.Rows);
            }

            _read.Start();
        }

        _read.Stop();
        await BatchAsync();
        progress?.Invoke(run.Rows);

        async Task BatchAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            _check.Start();
            var ids = batch.Select(b => idOf(b.Row)).ToList();
            var existing = await set.Where(e => ids.Contains(EF.Property<int>(e, "Id"))).ToDictionaryAsync(e => idOf(rowOf(e)), ct);
            if (prepare is not null)
            {
                await prepare([.. batch.Select(b => b.Row)], existing);
            }

            foreach (var (row, line) in batch)
            {
                var id = idOf(row);
                var before = run.ErrorCount;
                if (id <= 0)
                {
                    run.AddError(line, "id", "The id is a whole number from 1.");
                }
                else if (!seen.Add(id))
                {
                    run.AddError(line, "id", $"The id {id} appears twice.");
                }

                var apply = await check(row, line);
                if (apply is null || run.ErrorCount != before)
                {
                    run.Invalid++;
                    continue;
                }

                var candidate = create(id);
                apply(candidate);
                if (!existing.TryGetValue(id, out var stored))
                {
                    set.Add(candidate);
                    run.Created++;
                }
                else if (EqualityComparer<TRow>.Default.Equals(rowOf(stored), rowOf(candidate)))
                {
                    run.Unchanged++;
                }
                else
                {
                    apply(stored);
                    run.Updated++;
                }
            }

            batch.Clear();
            _check.Stop();
            _write.Start();
            if (run.Invalid == 0 || run.SkipInvalid)
            {
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
            }

            db.ChangeTracker.Clear();
            _write.Stop();
        }
    }

    /// <summary>The state of one import: counts and the first <see cref="MaxErrors"/> bad cells.</summary>
    private sealed class Run(string file, bool skipInvalid)
    {
        private readonly List<CsvImportError> _errors = [];

        public string File { get; } = file;

        public bool SkipInvalid { get; } = skipInvalid;

        public long Rows { get; set; }

        public long Created { get; set; }

        public long Updated { get; set; }

        public long Unchanged { get; set; }

        public long Invalid { get; set; }

        /// <summary>Every bad cell seen, also beyond the kept list.</summary>
        public long ErrorCount { get; private set; }

        public IReadOnlyList<CsvImportError> Errors => _errors;

        public void AddError(string file, long line, string column, string message)
        {
            ErrorCount++;
            if (_errors.Count < MaxErrors)
            {
                _errors.Add(new CsvImportError(file, line, column, message));
            }
        }

        public void AddError(long line, string column, string message) => AddError(File, line, column, message);

        public void AddRowErrors(IReadOnlyList<CsvImportError> errors)
        {
            Invalid++;
            foreach (var e in errors)
            {
                AddError(e.File, e.Line, e.Column, e.Message);
            }
        }

        public async Task<bool> CheckAsync<T>(IValidator<T> validator, T input, long line, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(input, ct);
            foreach (var failure in result.Errors)
            {
                // "MustHave[0].SkillId" → must_have; the protected attributes are columns of their own.
                var path = failure.PropertyName.Split('[', '.');
                AddError(line, SampleFiles.SnakeCase(path[0] == "Protected" && path.Length > 1 ? path[1] : path[0]), failure.ErrorMessage);
            }

            return result.IsValid;
        }
    }
}
