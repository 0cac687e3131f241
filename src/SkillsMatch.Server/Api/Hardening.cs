using System.Threading.RateLimiting;

namespace SkillsMatch.Server.Api;

/// <summary>Section <c>RateLimits</c>: requests per minute per signed-in user and per address; sign-in attempts per address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    public int PerUserPerMinute { get; set; } = 1200;

    public int PerAddressPerMinute { get; set; } = 2400;

    public int SignInPerAddressPerMinute { get; set; } = 20;
}

public static class RateLimits
{
    /// <summary>The policy on sign-in and token refresh.</summary>
    public const string SignIn = "sign-in";

    /// <summary>
    /// A fixed window per signed-in user and, for everyone, per client address (after forwarded
    /// headers from configured proxies), so one account or one machine cannot starve the others.
    /// A refused request gets 429 with Retry-After and a German problem.
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    Texts.Pick("Zu viele Anfragen.", "Too many requests."),
                    Texts.Pick("Das Limit an Anfragen pro Minute ist erreicht. Bitte in einer Minute erneut senden.", "The limit of requests per minute is reached. Send again in a minute."));
            };
            if (!limits.Enabled)
            {
                options.AddPolicy(SignIn, _ => RateLimitPartition.GetNoLimiter("none"));
                return;
            }

            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + (context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? context.User.FindFirst("sub")?.Value ?? "?"), _ => Window(limits.PerUserPerMinute))
                    : RateLimitPartition.GetNoLimiter("anonymous")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Window(limits.PerAddressPerMinute))));
            options.AddPolicy(SignIn, context =>
                RateLimitPartition.GetFixedWindowLimiter("sign-in:" + context.Connection.RemoteIpAddress, _ => Window(limits.SignInPerAddressPerMinute)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}

/// <summary>
/// Headers every answer carries: no sniffing, no framing, no referrer, a strict content policy,
/// and no caching of anything under /api (personal data must not stay in a browser or proxy cache).
/// HSTS is added outside Development by the framework's middleware.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Scalar's API reference at /docs loads its script and styles from the same origin only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// A change sent with the sign-in cookie (not a bearer token) must carry the antiforgery token
/// (header X-CSRF-TOKEN from GET /api/auth/antiforgery), so no foreign page can act in a user's name.
/// </summary>
internal sealed class CookieAntiforgeryMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && context.User.Identity?.IsAuthenticated == true
            && !context.Request.Headers.ContainsKey("Authorization")
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest,
                Texts.Pick("Sicherheitstoken fehlt.", "Antiforgery token missing."),
                Texts.Pick("Änderungen mit dem Anmelde-Cookie brauchen das Token aus GET /api/auth/antiforgery im Header X-CSRF-TOKEN.",
                    "Changes made with the sign-in cookie need the token from GET /api/auth/antiforgery in the X-CSRF-TOKEN header."));
            return;
        }

        await next(context);
    }
}
