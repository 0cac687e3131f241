using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Features.Bulk;

/// <summary>
/// Writes one entity as CSV in the import format, streamed from the database in id order. Every
/// cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets a leading
/// <c>'</c>; the importer takes it off again, so export → import is exact.
/// </summary>
public sealed class BulkExporter(SkillsMatchDbContext db)
{
    /// <summary>Writes the file and returns the number of rows (and of clients, for the audit).</summary>
    /// <param name="caseload">Limits clients and outcomes to the clients a caseworker reaches; identity for everyone else.</param>
    public async Task<long> ExportAsync(BulkEntity entity, Stream output, Func<IQueryable<Client>, IQueryable<Client>>? caseload, CancellationToken ct)
    {
        var clients = caseload is null ? db.Clients.AsNoTracking() : caseload(db.Clients.AsNoTracking());
        return entity switch
        {
            BulkEntity.Employers => await WriteAsync(output, db.Employers.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable(), SampleInputs.Row, ct),
            BulkEntity.ForumRounds => await WriteAsync(output, db.ForumRounds.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable(), SampleInputs.Row, ct),
            BulkEntity.Needs => await WriteAsync(output, db.Needs.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable(), SampleInputs.Row, ct),
            BulkEntity.Clients => await WriteAsync(output, clients.OrderBy(e => e.Id).AsAsyncEnumerable(), SampleInputs.Row, ct),
            BulkEntity.Courses => await WriteAsync(output, db.Courses.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable(), SampleInputs.Row, ct),
            // Outcomes of erased clients (no client any more) have nothing to import against and stay out.
            _ => await WriteAsync(output, db.Outcomes.AsNoTracking()
                .Where(o => o.ClientId != null && clients.Any(c => c.Id == o.ClientId))
                .OrderBy(e => e.Id).AsAsyncEnumerable(), SampleInputs.Row, ct),
        };
    }

    private static async Task<long> WriteAsync<TEntity, TRow>(Stream output, IAsyncEnumerable<TEntity> entities, Func<TEntity, TRow> row, CancellationToken ct)
    {
        await using var writer = CsvWriter.Create(output, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        await writer.WriteRecordAsync(SampleFiles.Header<TRow>(), ct);
        long count = 0;
        await foreach (var entity in entities.WithCancellation(ct))
        {
            await writer.WriteRecordAsync([.. SampleFiles.Cells(row(entity)).Select(SampleFiles.Escape)], ct);
            count++;
        }

        await writer.FlushAsync(ct);
        return count;
    }
}
