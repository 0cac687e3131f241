using System.Text;
using System.Text.Json.Nodes;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// One malformed request of the corpus: what it targets (a parameter, a body field or the body as a
/// whole) and how it is broken. <see cref="MustBeRefused"/> is false where the value may be fine
/// for some fields (null, a negative number, an empty list); there only a 5xx is a failure.
/// </summary>
public sealed record MalformedRequest(
    string Operation,
    string Target,
    string Mutation,
    HttpMethod Method,
    string Url,
    JsonNode? Json = null,
    byte[]? Raw = null,
    string? ContentType = "application/json",
    string? IfMatch = null,
    bool Streamed = false,
    bool MustBeRefused = true)
{
    /// <summary>The <c>version</c> of a structured PUT body is filled with the resource's current one when sent, so the request reaches validation and the write.</summary>
    public bool TakesCurrentVersion => Method == HttpMethod.Put && Json is JsonObject o && o.ContainsKey("version") && Target != "version";

    /// <summary>Stands for a lone surrogate in a string value; JsonNode would write U+FFFD, so the escape is put in as text.</summary>
    public const string LoneSurrogate = "~lone-surrogate~";

    public byte[]? Body() => Raw ?? (Json is null ? null : Encoding.UTF8.GetBytes(Json.ToJsonString().Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal)));

    public override string ToString()
    {
        var body = Body() is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        if (body is { Length: > 160 })
        {
            body = body[..160] + $"… ({body.Length} chars)";
        }

        var url = Url.Length > 160 ? Url[..160] + "…" : Url;
        return $"{Operation} [{Target}: {Mutation}] {Method} {url} {ContentType} {(IfMatch is null ? "" : "If-Match: " + IfMatch + " ")}{body}";
    }
}

/// <summary>
/// The valid things a malformed request is derived from: an id for every kind of resource, a valid
/// body for every input schema, and the query parameters an operation cannot do without (the
/// document marks none required), so that each request breaks one thing only.
/// </summary>
public sealed record CorpusSeeds(
    IReadOnlyDictionary<string, string> IdsByCollection,
    IReadOnlyDictionary<string, Func<JsonObject>> BodiesBySchema,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> QueriesByOperation);
