namespace SkillsMatch.Server.Tests;

/// <summary>
/// Swaps <see cref="Console.Out"/> and <see cref="Console.Error"/> for string writers while a command-line verb
/// runs. The console is one per process and test classes run in parallel, so captures take turns: without the
/// gate one test's restore could put back another's writer and its output would land in the wrong place.
/// </summary>
internal sealed class ConsoleCapture : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly TextWriter _previousOut;
    private readonly TextWriter _previousError;

    private ConsoleCapture()
    {
        (_previousOut, _previousError) = (Console.Out, Console.Error);
        Console.SetOut(Out);
        Console.SetError(Error);
    }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public static async Task<ConsoleCapture> StartAsync()
    {
        await Gate.WaitAsync();
        return new ConsoleCapture();
    }

    public ValueTask DisposeAsync()
    {
        Console.SetOut(_previousOut);
        Console.SetError(_previousError);
        Gate.Release();
        return ValueTask.CompletedTask;
    }
}
