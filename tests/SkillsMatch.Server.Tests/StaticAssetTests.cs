using System.Net;
using System.Text.RegularExpressions;

namespace SkillsMatch.Server.Tests;

/// <summary>The pages' stylesheet: a fingerprinted name, an ETag a browser revalidates with (304), served without sign-in; nothing from another host.</summary>
public sealed partial class StaticAssetTests : IDisposable
{
    private readonly ProductionFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Stylesheet_has_a_fingerprinted_name_and_an_etag_the_browser_revalidates()
    {
        var http = factory.CreateAnonymousClient();
        var front = await http.GetStringAsync("/");
        var href = Stylesheet().Match(front).Groups[1].Value;
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", href);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", front);

        var css = await http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(css.Headers.ETag);
        using var again = new HttpRequestMessage(HttpMethod.Get, href);
        again.Headers.IfNoneMatch.Add(css.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    private sealed class ProductionFactory : SkillsMatchFactory
    {
        protected override string Environment => "Production";
    }
}
