using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Features.Bulk;

/// <summary>Lets an endpoint take a body above the API's usual limit.</summary>
internal sealed class UploadLimit(long max) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => max;
}

public static class BulkEndpoints
{
    private const string Entities = "employers, forum-rounds, needs, clients, courses or outcomes";

    public static readonly TimeSpan BulkTimeout = TimeSpan.FromMinutes(30);

    public static void MapBulkEndpoints(this IEndpointRouteBuilder routes)
    {
        // Caseworkers only: clients and outcomes within their caseload reach, the rest (the forum's
        // records) for everyone, as the API lets them. Admins do not see client data in the API and
        // do not get it in bulk either; an operator's migration goes through `skillsmatch import`.
        // A bulk run may take minutes: the API's 30-second request timeout gives way to half an hour
        // (a client that hangs up still cancels it, and a cancelled import rolls back whole).
        var group = routes.MapGroup("/api").WithTags("Bulk").RequireAuthorization(Policies.Caseworker).WithMetadata(AuditedEndpoint.Instance);
        group.WithRequestTimeout(BulkTimeout);

        group.MapPost("/import/{entity}", async Task<Results<Ok<BulkResult>, ProblemHttpResult>> (
            string entity, bool? skipInvalid, HttpContext http, BulkImporter importer, Access access, AuditRecorder audit, CancellationToken ct) =>
        {
            if (!BulkEntities.TryParse(entity, out var kind))
            {
                return UnknownEntity(entity);
            }

            // Buffered to a temporary file first: the CSV reader reads synchronously, and a request body may not be.
            await using var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            if (http.Request.HasFormContentType)
            {
                // The form reader's own limit (128 MB by default) would stop a large upload before ours.
                http.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(
                    http.Request, new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = Limits.BulkUploadBytes }));
                var form = await http.Request.ReadFormAsync(ct);
                if ((form.Files.Count > 0 ? form.Files[0] : null) is not { } upload)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: Texts.Pick("Keine Datei.", "No file."),
                        detail: Texts.Pick("Das Formular enthält keine CSV-Datei.", "The form holds no CSV file."));
                }

                await using var source = upload.OpenReadStream();
                await source.CopyToAsync(file, ct);
            }
            else
            {
                await http.Request.Body.CopyToAsync(file, ct);
            }

            file.Position = 0;
            BulkResult result;
            try
            {
                result = await importer.ImportAsync(kind, file, skipInvalid ?? false, access.Caseload is null ? null : access.Reaches, null, ct);
            }
            catch (CsvImportException e)
            {
                result = new BulkResult(kind.Name(), 0, 0, 0, 0, 0, false, e.Errors);
            }

            var status = result.Imported ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
            if (kind.HoldsClientData())
            {
                await audit.RecordBulkAsync(http, status, (int)Math.Min(result.Rows, int.MaxValue), AuditAction.Create);
            }

            return result.Imported ? TypedResults.Ok(result) : Refused(result);
        })
        .WithMetadata(new UploadLimit(Limits.BulkUploadBytes))
        .WithSummary($"Imports one CSV file ({Entities}) in the format of the export, as a text/csv body or a multipart/form-data upload: all rows or, with a bad row, none (422 listing every bad row by line and column); skipInvalid=true imports the good rows and lists the rest.");

        group.MapGet("/export/{entity}", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (
            string entity, HttpContext http, SkillsMatchDbContext db, BulkExporter exporter, Access access, AuditRecorder audit, CancellationToken ct) =>
        {
            if (!BulkEntities.TryParse(entity, out var kind))
            {
                return UnknownEntity(entity);
            }

            if (kind.HoldsClientData())
            {
                // Recorded before a byte leaves: an export nobody recorded is never handed out.
                var clients = access.CaseloadOf(db.Clients.AsNoTracking());
                var count = kind == BulkEntity.Clients
                    ? await clients.CountAsync(ct)
                    : await db.Outcomes.AsNoTracking().Where(o => o.ClientId != null && clients.Any(c => c.Id == o.ClientId)).CountAsync(ct);
                await audit.RecordBulkAsync(http, StatusCodes.Status200OK, count, AuditAction.List);
            }

            return TypedResults.Stream(
                async body => await exporter.ExportAsync(kind, body, access.CaseloadOf, ct),
                "text/csv; charset=utf-8",
                kind.FileName());
        })
        .WithSummary($"Exports {Entities} as CSV in the import format, streamed; cells a spreadsheet would take for a formula start with '.");
    }

    private static ProblemHttpResult UnknownEntity(string entity) =>
        Problems.NotFound(Texts.Pick("Datenart", "entity"), $"'{Problems.Shown(entity)}' ({Entities})");

    private static ProblemHttpResult Refused(BulkResult result) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: Texts.Pick("Nichts importiert: die Datei enthält ungültige Zeilen.", "Nothing imported: the file has invalid rows."),
            detail: Texts.Pick(
                $"{result.Invalid} von {result.Rows} Zeilen sind ungültig; die ersten {result.Errors.Count} Fehler stehen unter 'rows'. Mit skipInvalid=true werden die gültigen Zeilen importiert.",
                $"{result.Invalid} of {result.Rows} rows are invalid; the first {result.Errors.Count} errors are listed under 'rows'. With skipInvalid=true the valid rows are imported."),
            extensions: new Dictionary<string, object?>
            {
                ["entity"] = result.Entity,
                ["rowCount"] = result.Rows,
                ["invalid"] = result.Invalid,
                ["rows"] = result.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToList(),
            });
}
