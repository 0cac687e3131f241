using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// Derives malformed requests from the app's OpenAPI document: for every operation, each path
/// and query parameter and each body field (nested ones too) gets values of the wrong type,
/// null, missing, out of range, invalid dates, huge or control-character strings and unknown enum
/// names or numbers; each body as a whole is truncated, has the wrong root, invalid UTF-8, a bad
/// charset or is too large. Deterministic: the few random choices come from a fixed seed.
/// </summary>
public sealed partial class BadInputCorpus
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private readonly JsonElement _document;
    private readonly CorpusSeeds _seeds;
    private readonly Random _random;
    private readonly List<MalformedRequest> _requests = [];

    private BadInputCorpus(JsonElement document, CorpusSeeds seeds, int seed)
    {
        _document = document;
        _seeds = seeds;
        _random = new Random(seed);
    }

    /// <summary>"METHOD /path" of every operation in the document.</summary>
    public static IReadOnlyList<string> Operations(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name)).Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))];

    /// <summary>Every parameter ("METHOD /path ?name") and body field ("METHOD /path .a[0].b") the document declares.</summary>
    public static IReadOnlyList<string> Targets(JsonElement document)
    {
        var corpus = new BadInputCorpus(document, new CorpusSeeds(new Dictionary<string, string>(), new Dictionary<string, Func<JsonObject>>(), new Dictionary<string, IReadOnlyDictionary<string, string>>()), 0);
        var targets = new List<string>();
        foreach (var (operation, _, _, op) in corpus.EnumerateOperations())
        {
            targets.AddRange(Parameters(op).Select(p => $"{operation} {p.Name}"));
            if (corpus.BodySchema(op) is { } schema)
            {
                targets.AddRange(corpus.FieldPaths(schema, "").Select(f => $"{operation} {f}"));
            }
        }

        return targets;
    }

    public static IReadOnlyList<MalformedRequest> Generate(JsonElement document, CorpusSeeds seeds, int seed)
    {
        var corpus = new BadInputCorpus(document, seeds, seed);
        foreach (var (operation, method, path, op) in corpus.EnumerateOperations())
        {
            corpus.AddOperation(operation, method, path, op);
        }

        return corpus._requests;
    }

    private IEnumerable<(string Operation, HttpMethod Method, string Path, JsonElement Op)> EnumerateOperations()
    {
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                yield return ($"{method.Name.ToUpperInvariant()} {path.Name}", new HttpMethod(method.Name.ToUpperInvariant()), path.Name, method.Value);
            }
        }
    }

    private sealed record Parameter(string Name, string In, JsonElement Schema);

    private static IEnumerable<Parameter> Parameters(JsonElement op) =>
        op.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, p.GetProperty("schema")))
            : [];

    private void AddOperation(string operation, HttpMethod method, string path, JsonElement op)
    {
        var parameters = Parameters(op).ToList();
        var pathParameters = parameters.Where(p => p.In == "path").ToList();
        var validPath = FillPath(path, pathParameters, null, null);

        // Without its mutated parameter, the rest of the operation's query is valid.
        string Query(string operationName, string replaced, string broken) =>
            string.Join('&', (_seeds.QueriesByOperation.TryGetValue(operationName, out var valid) ? valid : new Dictionary<string, string>())
                .Where(p => !p.Key.Equals(replaced, StringComparison.OrdinalIgnoreCase))
                .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")
                .Append(broken));

        var validQuery = Query(operation, "", "").TrimEnd('&');
        var validUrl = validQuery.Length == 0 ? validPath : $"{validPath}?{validQuery}";

        var schema = BodySchema(op);
        Func<JsonObject>? body = schema is null ? null : Body(schema);

        JsonNode? ValidBody() => body?.Invoke();

        // Path parameters: every bad id shape, the rest of the request valid.
        foreach (var parameter in pathParameters)
        {
            var valid = ValidValue(path, parameter);
            foreach (var (mutation, value) in PathValues(parameter.Schema, valid))
            {
                Add(operation, parameter.Name, mutation, method, FillPath(path, pathParameters, parameter.Name, value) + (validQuery.Length == 0 ? "" : "?" + validQuery), ValidBody(), refused: true);
            }
        }

        // Query parameters, one at a time.
        foreach (var parameter in parameters.Where(p => p.In == "query"))
        {
            foreach (var (mutation, value) in QueryValues(parameter.Schema))
            {
                Add(operation, parameter.Name, mutation, method, $"{validPath}?{Query(operation, parameter.Name, $"{parameter.Name}={value}")}", ValidBody(), refused: QueryRefused(parameter.Schema, mutation));
            }

            Add(operation, parameter.Name, "given twice", method, $"{validPath}?{Query(operation, parameter.Name, $"{parameter.Name}=1&{parameter.Name}=2")}", ValidBody(), refused: false);
        }

        // What any operation may receive, parameters or not: an unknown query parameter, a body in a bad charset, too large a body.
        if (method != HttpMethod.Delete)
        {
            Add(operation, "request", "unknown query parameter", method, $"{validPath}?{Query(operation, "", "x%00=%FF&lang=%00")}", ValidBody(), refused: false);
        }

        _requests.Add(new MalformedRequest(operation, "request", "body in a bad charset", method, validUrl, Raw: Encoding.UTF8.GetBytes("{}"), ContentType: "application/json; charset=bogus"));
        _requests.Add(new MalformedRequest(operation, "request", "300 KiB body", method, validUrl, Raw: new byte[300 * 1024], ContentType: "application/json"));

        // A stale, weak or malformed If-Match on a write to an existing resource.
        if (pathParameters.Count > 0 && (method == HttpMethod.Put || method == HttpMethod.Delete))
        {
            foreach (var tag in new[] { "W/\"1\"", "1", "\"999999\"", "\"abc\"", "\"", "\"999\", W/\"1\"", "\"-1\"", new string('"', 3), "\"" + new string('9', 5000) + "\"" })
            {
                Add(operation, "If-Match", $"If-Match {Shown(tag)}", method, validUrl, ValidBody(), refused: true, ifMatch: tag);
            }
        }

        if (schema is null || body is null)
        {
            return;
        }

        // Each field of the body, nested ones included.
        foreach (var (field, mutation, mutated) in FieldMutations(schema, body))
        {
            Add(operation, field, mutation, method, validUrl, mutated, refused: !FieldValueMayBeFine.Contains(mutation.StartsWith("item ", StringComparison.Ordinal) ? mutation[5..] : mutation));
        }

        // The body as a whole.
        foreach (var (mutation, bytes, contentType, streamed) in WholeBodyMutations(body))
        {
            _requests.Add(new MalformedRequest(operation, "body", mutation, method, validUrl, Raw: bytes, ContentType: contentType, Streamed: streamed, MustBeRefused: !BodyMayBeFine.Contains(mutation)));
        }
    }

    private void Add(string operation, string target, string mutation, HttpMethod method, string url, JsonNode? json, bool refused, string? ifMatch = null) =>
        _requests.Add(new MalformedRequest(operation, target, mutation, method, url, Json: json, ContentType: json is null ? null : "application/json", IfMatch: ifMatch, MustBeRefused: refused));

    private string FillPath(string path, List<Parameter> parameters, string? replaced, string? value)
    {
        foreach (var parameter in parameters)
        {
            path = path.Replace("{" + parameter.Name + "}", parameter.Name == replaced ? value : ValidValue(path, parameter), StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>The existing resource a path parameter names: "/api/needs/{needId}/comments" → the need; "{id}" → the collection before it.</summary>
    private string ValidValue(string path, Parameter parameter)
    {
        var segments = path.Split('/');
        var index = Array.IndexOf(segments, "{" + parameter.Name + "}");
        var collection = index > 0 && segments[index - 1] is var before && !before.StartsWith('{') ? before : "?";
        return _seeds.IdsByCollection.TryGetValue(collection, out var id) ? id : "1";
    }

    private static bool IsInteger(JsonElement schema) => Types(schema).Contains("integer");

    private static bool IsDate(JsonElement schema) => schema.TryGetProperty("format", out var f) && f.GetString() is "date";

    private static HashSet<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private JsonElement? BodySchema(JsonElement op) =>
        op.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            ? json.GetProperty("schema")
            : null;

    private string SchemaName(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? reference.GetString()!.Split('/')[^1] : "";

    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return _document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        // "oneOf": [{"type": "null"}, {"$ref": …}] is how a nullable enum or object is written.
        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().FirstOrDefault(s => s.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } inner)
        {
            return Resolve(inner);
        }

        return schema;
    }

    private Func<JsonObject> Body(JsonElement? schema)
    {
        var name = SchemaName(schema!.Value);
        return _seeds.BodiesBySchema.TryGetValue(name, out var make) ? make : () => [];
    }

    /// <summary>Every field path of a schema: "title", "mustHave[0].skillId", "protected.gender".</summary>
    private IEnumerable<string> FieldPaths(JsonElement schema, string prefix)
    {
        var resolved = Resolve(schema);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            yield return path;
            var inner = Resolve(property.Value);
            var items = inner.TryGetProperty("items", out var i) ? Resolve(i) : (JsonElement?)null;
            if (items is { } item && item.TryGetProperty("properties", out _))
            {
                foreach (var nested in FieldPaths(item, path + "[0]"))
                {
                    yield return nested;
                }
            }
            else if (inner.TryGetProperty("properties", out _))
            {
                foreach (var nested in FieldPaths(inner, path))
                {
                    yield return nested;
                }
            }
        }
    }

    private IEnumerable<(string Field, string Mutation, JsonObject Body)> FieldMutations(JsonElement? schema, Func<JsonObject> body)
    {
        foreach (var field in FieldPaths(schema!.Value, ""))
        {
            var fieldSchema = FieldSchema(schema.Value, field);
            foreach (var (mutation, value, remove) in ValuesFor(fieldSchema))
            {
                var mutated = body();
                if (Set(mutated, field, value, remove))
                {
                    yield return (field, mutation, mutated);
                }
            }
        }
    }

    private JsonElement FieldSchema(JsonElement schema, string field)
    {
        var current = schema;
        foreach (var part in field.Split('.'))
        {
            var list = part.EndsWith("[0]", StringComparison.Ordinal);
            current = Resolve(current).GetProperty("properties").GetProperty(list ? part[..^3] : part);
            if (list)
            {
                current = Resolve(current).GetProperty("items");
            }
        }

        return current;
    }

    /// <summary>Sets (or removes) the value at a field path; false when the valid body has no such place (an empty list, an absent object).</summary>
    private static bool Set(JsonObject body, string field, JsonNode? value, bool remove)
    {
        JsonNode? current = body;
        var parts = field.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = Step(current, parts[i]);
            if (current is null)
            {
                return false;
            }
        }

        if (current is not JsonObject parent)
        {
            return false;
        }

        var last = parts[^1];
        if (last.EndsWith("[0]", StringComparison.Ordinal))
        {
            last = last[..^3];
        }

        if (remove)
        {
            return parent.Remove(last);
        }

        parent[last] = value;
        return true;
    }

    private static JsonNode? Step(JsonNode? node, string part) =>
        part.EndsWith("[0]", StringComparison.Ordinal)
            ? node?[part[..^3]] is JsonArray { Count: > 0 } array ? array[0] : null
            : node?[part];
}
