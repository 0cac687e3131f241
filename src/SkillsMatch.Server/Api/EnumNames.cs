using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Enums in JSON bodies by one defined name only, in any case: <see cref="JsonStringEnumConverter"/>
/// without integer values still reads "Open, Filled" as a combination of flags (3, which is
/// "Closed") for enums that are no flags, so a list of names is refused here before it reads the
/// name. Writing stays with the framework's converter; <see cref="DescribeNames"/> puts the names
/// into the OpenAPI document, which cannot see through a converter of our own.
/// </summary>
public sealed class EnumNamesConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(namingPolicy: null, allowIntegerValues: false);

    /// <summary>An enum's schema lists its names, as the framework's converter would have shown them.</summary>
    public static Task DescribeNames(Microsoft.OpenApi.OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.IsEnum && !type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            schema.Enum = [.. Enum.GetNames(type).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n))];
        }

        return Task.CompletedTask;
    }

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && !typeToConvert.IsDefined(typeof(FlagsAttribute), inherit: false);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(SingleName<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options));

    private sealed class SingleName<T>(JsonConverter names) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)names;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IndexOf((byte)',') >= 0)
            {
                throw new JsonException();
            }

            return _names.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);
    }
}
