namespace SkillsMatch.Server.Data;

/// <summary>
/// Whether the service is ready: the database is migrated before anything listens, but seeding the
/// sample county takes 10–70 s, so it runs after the listener is up. Until it is done
/// <c>/health</c> answers 503 "starting" and the API 503 with Retry-After, instead of a refused
/// connection; work that needs the data (the first training) waits for <see cref="Ready"/>.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public void Open() => _ready.TrySetResult();

    public void Fail(Exception exception) => _ready.TrySetException(exception);
}

/// <summary>Answers for a service that is still starting: 503 with Retry-After on /health and the API.</summary>
internal sealed class StartupGateMiddleware(RequestDelegate next, StartupGate gate)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (gate.IsReady || context.Request.Path.StartsWithSegments("/api/auth") || !(context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health")))
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = "5";
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(gate.Ready.IsFaulted ? "Unhealthy: start failed" : "Starting");
            return;
        }

        await Api.Problems.WriteAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            Api.Texts.Pick("Der Dienst startet.", "The service is starting."),
            Api.Texts.Pick("Die Beispieldaten werden geladen; bitte in einigen Sekunden erneut versuchen.", "The sample data are being loaded; try again in a few seconds."));
    }
}
