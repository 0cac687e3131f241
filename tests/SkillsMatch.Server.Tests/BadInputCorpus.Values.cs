using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsMatch.Server.Tests;

/// <summary>The bad values: per parameter type, per field type and for a body as a whole, and which of them no field may accept.</summary>
public sealed partial class BadInputCorpus
{
    /// <summary>Values that are wrong for some fields only (an optional field may be null or missing, a count may be 0), or harmless text.</summary>
    private static readonly HashSet<string> FieldValueMayBeFine =
    [
        "null", "missing", "negative", "zero", "int.MaxValue", "int.MinValue", "int.MaxValue + 1", "long.MaxValue", "exponent", "1e308", "-1e308",
        "tiny", "many digits", "decimal max + 1", "empty", "whitespace", "4001 chars", "60000 chars", "random unicode", "markup", "SQL", "unknown code",
        "101 items", "1000 items", "empty object", "empty object item", "unknown field", "padded",
    ];

    /// <summary>Whole bodies that are valid JSON in UTF-8 after all.</summary>
    private static readonly HashSet<string> BodyMayBeFine = ["UTF-8 byte order mark", "duplicate keys", "content type application/json-patch+json"];

    /// <summary>A query value with control characters or that cannot be the parameter's type; other values may be fine filters ("q=%" finds nothing).</summary>
    private static bool QueryRefused(JsonElement schema, string mutation) =>
        mutation is "NUL" or "NUL inside" or "control characters"
        || (IsInteger(schema) && mutation is "text" or "fraction" or "exponent" or "NaN" or "hex" or "beyond long" or "int.MaxValue + 1" or "5000 digits"
            or "NUL" or "NUL inside" or "invalid UTF-8" or "overlong UTF-8" or "control characters" or "5000 chars" or "LIKE wildcards" or "quote" or "unicode" or "lone surrogate")
        || (IsDate(schema) && mutation is "30 February" or "text" or "month 13" or "year 0" or "negative year" or "NUL" or "NUL inside" or "invalid UTF-8"
            or "overlong UTF-8" or "control characters" or "5000 chars" or "LIKE wildcards" or "quote" or "unicode" or "lone surrogate" or "number" or "negative");

    private static IEnumerable<(string Mutation, string Value)> PathValues(JsonElement schema, string valid)
    {
        var escapedValid = Uri.EscapeDataString(valid);
        // No %00 in a path: Kestrel refuses it with 400 before the app, and the in-process test server cannot send it.
        // No "%2E%2E" either: clients resolve it as "..", which makes it a valid request for the parent (DELETE /api/needs/1/comments/.. deletes the need).
        IEnumerable<(string, string)> common =
        [
            ("invalid UTF-8", "%FF%FE"), ("invalid UTF-8 after", escapedValid + "%C3%28"),
            ("control character", "%01"), ("5000 chars", new string('7', 5000)), ("space", "%20"), ("encoded slash", escapedValid + "%2F1"),
("unicode", Uri.EscapeDataString("ü١٢")),
        ];
        if (!IsInteger(schema))
        {
            return [.. common, ("unknown", "bogus"), ("huge unknown", new string('x', 5000))];
        }

        return
        [
            .. common,
            ("zero", "0"), ("negative", "-1"), ("int.MaxValue", "2147483647"), ("int.MaxValue + 1", "2147483648"), ("int.MinValue", "-2147483648"),
            ("beyond long", "99999999999999999999"), ("text", "abc"), ("fraction", "1.5"), ("exponent", "1e3"), ("hex", "0x1"),
            ("leading space", "%20" + valid), ("plus sign", "+" + valid), ("leading zero", "0" + valid), ("trailing space", valid + "%20"),
            ("decimal point", valid + ".0"), ("NaN", "NaN"), ("Infinity", "Infinity"), ("full-width digits", Uri.EscapeDataString("１")),
        ];
    }

    private static IEnumerable<(string Mutation, string Value)> QueryValues(JsonElement schema)
    {
        IEnumerable<(string, string)> common =
        [
            ("empty", ""), ("NUL", "%00"), ("NUL inside", "a%00b"), ("invalid UTF-8", "%FF%FE"), ("overlong UTF-8", "%C0%AF"),
            ("control characters", "%01%1F"), ("5000 chars", new string('x', 5000)), ("LIKE wildcards", "%25_%25"), ("quote", "%27%22"),
            ("unicode", Uri.EscapeDataString("Zürich ١٢ 😀")), ("lone surrogate", "%ED%A0%80"), ("number", "99"), ("negative", "-1"),
        ];
        if (IsInteger(schema))
        {
            return
            [
                .. common, ("zero", "0"), ("int.MaxValue", "2147483647"), ("int.MaxValue + 1", "2147483648"), ("int.MinValue", "-2147483648"),
                ("beyond long", "99999999999999999999"), ("text", "abc"), ("fraction", "1.5"), ("exponent", "1e308"), ("NaN", "NaN"),
                ("plus sign", "%2B1"), ("leading space", "%201"), ("hex", "0x10"), ("5000 digits", new string('9', 5000)),
            ];
        }

        if (IsDate(schema))
        {
            return
            [
                .. common, ("year 1", "0001-01-01"), ("year 9999", "9999-12-31"), ("30 February", "2027-02-30"), ("text", "x"),
                ("month 13", "2027-13-01"), ("two-digit year", "27-01-01"), ("German format", "01.02.2027"), ("with time", "2027-01-01T00:00:00Z"),
                ("year 0", "0000-01-01"), ("negative year", "-2027-01-01"),
            ];
        }

        return
        [
            .. common, ("unknown name", "bogus"), ("enum number", "1"), ("comma list", "Open,Closed"), ("flag list", "Open%2C%20Closed"),
            ("whitespace", "%20%09"), ("huge unicode", Uri.EscapeDataString(new string('ß', 3000))),
        ];
    }

    private static readonly string Huge = new('x', 4001);

    /// <summary>The bad values for a field of this schema: null and missing for all, then by type.</summary>
    private IEnumerable<(string Mutation, JsonNode? Value, bool Remove)> ValuesFor(JsonElement fieldSchema)
    {
        var schema = Resolve(fieldSchema);
        var types = Types(schema);
        yield return ("null", null, false);
        yield return ("missing", null, true);
        yield return (schema.TryGetProperty("properties", out _) ? "unknown field" : "object", new JsonObject { ["a"] = 1 }, false);

        if (schema.TryGetProperty("enum", out var names))
        {
            var first = names.EnumerateArray().First().GetString()!;
            foreach (var (mutation, value) in new (string, JsonNode?)[]
            {
                ("unknown name", "Bogus"), ("empty", ""), ("number 0", 0), ("number 1", 1), ("number 99", 99), ("number -1", -1),
                ("number as text", "1"), ("comma list", string.Join(", ", names.EnumerateArray().Take(2).Select(n => n.GetString()))),
                ("padded", $" {first} "), ("NUL", first + "\0"), ("huge", Huge), ("bool", true), ("array", new JsonArray(first)),
            })
            {
                yield return (mutation, value, false);
            }

            yield break;
        }

        if (types.Contains("integer"))
        {
            foreach (var (mutation, value) in new (string, JsonNode?)[]
            {
                ("negative", -1), ("zero", 0), ("int.MaxValue", int.MaxValue), ("int.MinValue", int.MinValue), ("int.MaxValue + 1", 2147483648L),
                ("long.MaxValue", long.MaxValue), ("beyond long", JsonNode.Parse("99999999999999999999")), ("1e308", JsonNode.Parse("1e308")),
                ("fraction", 1.5), ("NaN text", "NaN"), ("Infinity text", "Infinity"), ("text", "abc"), ("empty text", ""),
                ("digits with space", " 1"), ("bool", true), ("array", new JsonArray(1)), ("exponent", JsonNode.Parse("1e2")),
            })
            {
                yield return (mutation, value, false);
            }

            yield break;
        }

        if (types.Contains("number"))
        {
            foreach (var (mutation, value) in new (string, JsonNode?)[]
            {
                ("negative", -1), ("zero", 0), ("1e308", JsonNode.Parse("1e308")), ("-1e308", JsonNode.Parse("-1e308")), ("1e309", JsonNode.Parse("1e309")),
                ("tiny", JsonNode.Parse("1e-320")), ("many digits", JsonNode.Parse("0." + new string('3', 400))), ("NaN text", "NaN"),
                ("Infinity text", "Infinity"), ("-Infinity text", "-Infinity"), ("text", "abc"), ("bool", true), ("array", new JsonArray(1)),
                ("int.MaxValue", int.MaxValue), ("decimal max + 1", JsonNode.Parse("79228162514264337593543950336")),
            })
            {
                yield return (mutation, value, false);
            }

            yield break;
        }

        if (types.Contains("boolean"))
        {
            foreach (var (mutation, value) in new (string, JsonNode?)[] { ("text true", "true"), ("number 1", 1), ("number 0", 0), ("yes", "yes"), ("array", new JsonArray(true)) })
            {
                yield return (mutation, value, false);
            }

            yield break;
        }

        if (types.Contains("array"))
        {
            var item = schema.GetProperty("items");
            var itemIsString = Types(Resolve(item)).Contains("string");
            JsonNode? Item() => itemIsString ? "x" : new JsonObject();
            foreach (var (mutation, value) in new (string, JsonNode?)[]
            {
                ("empty", new JsonArray()), ("text", "x"), ("number", 1), ("null item", new JsonArray((JsonNode?)null)),
                ("number item", new JsonArray(1)), ("nested array", new JsonArray(new JsonArray())),
                ("101 items", new JsonArray([.. Enumerable.Range(0, 101).Select(_ => Item())])),
                ("1000 items", new JsonArray([.. Enumerable.Range(0, 1000).Select(_ => Item())])),
                ("deep nesting", Nested(200)),
            })
            {
                yield return (mutation, value, false);
            }

            if (itemIsString)
            {
                foreach (var (mutation, value) in StringValues(item))
                {
                    yield return ($"item {mutation}", new JsonArray(value), false);
                }
            }
            else
            {
                yield return ("empty object item", new JsonArray(new JsonObject()), false);
            }

            yield break;
        }

        if (schema.TryGetProperty("properties", out _))
        {
            yield return ("array", new JsonArray(), false);
            yield return ("text", "x", false);
            yield return ("empty object", new JsonObject(), false);
            yield break;
        }

        // Strings, dates among them.
        yield return ("number", 123, false);
        yield return ("bool", false, false);
        yield return ("array", new JsonArray("x"), false);
        foreach (var (mutation, value) in StringValues(schema))
        {
            yield return (mutation, value, false);
        }
    }

    private IEnumerable<(string Mutation, JsonNode? Value)> StringValues(JsonElement schema)
    {
        yield return ("empty", "");
        yield return ("whitespace", " \t ");
        yield return ("4001 chars", Huge);
        yield return ("60000 chars", new string('x', 60_000));
        yield return ("NUL", "a\0b");
        yield return ("control characters", "a\u0001\u001Fb");
        yield return ("escape character", "\u001B[31m");
        yield return ("lone surrogate", $"a{MalformedRequest.LoneSurrogate}b");
        yield return ("random unicode", RandomUnicode(20));
        yield return ("markup", "<script>alert(1)</script>");
        yield return ("SQL", "'; DROP TABLE Needs; --");
        yield return ("unknown code", "ZZ-" + _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture));
        if (IsDate(schema))
        {
            foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2027-02-30", "x", "2027-13-01", "27-01-01", "01.02.2027", "2027-01-01T00:00:00Z", "0000-01-01", "-2027-01-01", "+2027-01-01" })
            {
                yield return ($"date {date}", date);
            }

            yield return ("date as number", 20270101);
        }
    }

    private string RandomUnicode(int length)
    {
        var builder = new StringBuilder();
        while (builder.Length < length)
        {
            var code = _random.Next(0x20, 0x2FFFF);
            if (code is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            builder.Append(char.ConvertFromUtf32(code));
        }

        return builder.ToString();
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private IEnumerable<(string Mutation, byte[] Body, string? ContentType, bool Streamed)> WholeBodyMutations(Func<JsonObject> body)
    {
        const string Json = "application/json";
        var valid = body().ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(valid);
        static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        foreach (var (mutation, text) in new[]
        {
            ("empty", ""), ("null", "null"), ("array root", "[]"), ("array of the body", $"[{valid}]"), ("string root", "\"x\""), ("number root", "1"),
            ("true root", "true"), ("empty object", "{}"), ("only an open brace", "{"), ("trailing garbage", valid + "x"), ("two objects", valid + valid),
            ("trailing comma", valid[..^1] + ",}"), ("comment", "/* c */" + valid), ("single quotes", valid.Replace('"', '\'')),
            ("unquoted names", "{name: 1}"), ("duplicate keys", valid[..^1] + "," + valid[1..]), ("deep nesting", new string('[', 5000) + new string(']', 5000)),
            ("deep object nesting", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)), ("whitespace only", " \r\n\t "),
            ("NUL byte", "\0"), ("NUL before", "\0" + valid), ("escaped NUL key", "{\"\\u0000\":1}"), ("XML", "<need/>"), ("form", "name=x&sector=y"),
        })
        {
            yield return (mutation, Utf8(text), Json, false);
        }

        // Cut at seeded positions and at the first field's value.
        foreach (var cut in new[] { 1, bytes.Length / 2, bytes.Length - 1 }.Concat(Enumerable.Range(0, 7).Select(_ => _random.Next(1, bytes.Length))).Distinct())
        {
            yield return ($"truncated at {cut}", bytes[..cut], Json, false);
        }

        // Invalid UTF-8 inside the first string value and outside any string.
        var quote = valid.IndexOf(":\"", StringComparison.Ordinal) + 2;
        foreach (var (mutation, invalid) in new (string, byte[])[]
        {
            ("byte FF", [0xFF]), ("bytes FE FF", [0xFE, 0xFF]), ("truncated sequence", [0xC3]), ("bad continuation", [0xC3, 0x28]),
            ("overlong slash", [0xC0, 0xAF]), ("encoded surrogate", [0xED, 0xA0, 0x80]), ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("lone continuation", [0x80]),
        })
        {
            if (quote >= 2)
            {
                yield return ($"invalid UTF-8 in a string: {mutation}", [.. bytes[..quote], .. invalid, .. bytes[quote..]], Json, false);
            }

            yield return ($"invalid UTF-8 outside strings: {mutation}", [.. invalid, .. bytes], Json, false);
        }

        yield return ("UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. bytes], Json, false);
        yield return ("UTF-16 body labelled UTF-8", Encoding.Unicode.GetBytes(valid), Json, false);
        yield return ("UTF-32 body", Encoding.UTF32.GetBytes(valid), "application/json; charset=utf-32", false);

        foreach (var contentType in new[]
        {
            "application/json; charset=bogus", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=latin1",
            "application/json; charset=", "application/json; charset=\"\"", "application/json; charset=utf-8; charset=bogus", "application/json;charset=ut f-8",
            "application/json; charset=" + new string('x', 500), "text/plain", "text/json; charset=bogus", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/octet-stream", "application/json-patch+json", "*/*", "application/*", "garbage", ";;;", "application/json; q=\0",
        })
        {
            yield return ($"content type {Shown(contentType)}", bytes, contentType, false);
        }

        yield return ("no content type", bytes, null, false);

        // Above the 256 KiB limit, announced by Content-Length and streamed without one.
        var padded = Utf8(valid[..^1] + ",\"padding\":\"" + new string('x', 300 * 1024) + "\"}");
        yield return ("300 KiB with Content-Length", padded, Json, false);
        yield return ("300 KiB streamed", padded, Json, true);
        yield return ("300 KiB in a known field", Utf8(valid[..(valid.IndexOf(":\"", StringComparison.Ordinal) + 2)] + new string('y', 300 * 1024) + valid[(valid.IndexOf(":\"", StringComparison.Ordinal) + 2)..]), Json, true);
    }

    private static string Shown(string text) => text.Length > 30 ? text[..30] + "…" : text.Replace("\0", "\\0", StringComparison.Ordinal);
}
