using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SkillsMatch.Server.Tests;

/// <summary>Bounded cost (issue 10): a request still running after the configured timeout is cancelled and answered 503.</summary>
public sealed class RequestTimeoutTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private const string SlowPath = "/__test/never-finishes";

    [Fact]
    public async Task A_request_running_past_the_timeout_is_cancelled_with_a_German_problem()
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var app = factory.WithWebHostBuilder(b => b
            .UseSetting("Limits:RequestTimeoutSeconds", "1")
            .ConfigureServices(s => s.AddSingleton<IStartupFilter>(new SlowRequestFilter(cancelled))));
        var http = app.CreateClient();

        // The work waits for its token and nothing else: only the timeout can end it.
        var response = await http.GetAsync(SlowPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Zeitüberschreitung", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await cancelled.Task, "the request's token fired");

        // The next request is served as usual.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/needs?pageSize=1")).StatusCode);
    }

    /// <summary>Answers <see cref="SlowPath"/> behind the app's own pipeline (after its timeout middleware) with work that never ends on its own.</summary>
    private sealed class SlowRequestFilter(TaskCompletionSource<bool> cancelled) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Path != SlowPath)
                {
                    await following(context);
                    return;
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult(true);
                    throw;
                }
            });
        };
    }
}
