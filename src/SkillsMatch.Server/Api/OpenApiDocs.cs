using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Makes /docs readable for the county's staff: a German introduction, a summary and description on every
/// operation and parameter (<see cref="OpenApiTexts"/>), request examples, and "required" marks that say
/// what the API really requires — taken from each body's validator, not from the C# constructor.
/// </summary>
internal static class OpenApiDocs
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer(EnumNamesConverter.DescribeNames);
        options.AddSchemaTransformer(RequiredFromValidators);
        options.AddOperationTransformer(DescribeOperation);
        options.AddDocumentTransformer(Introduce);
    }

    /// <summary>The key of an operation in <see cref="OpenApiTexts.Operations"/>: "GET /api/needs/{id}".</summary>
    public static string Key(string method, string? relativePath)
    {
        var path = "/" + (relativePath ?? string.Empty).TrimEnd('/');
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:?]+)(:[^}?]*)?\??\}", "{$1}");
        return $"{method.ToUpperInvariant()} {path}";
    }

    private static Task Introduce(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "SkillsMatch API";
        document.Info.Description = OpenApiTexts.Introduction;
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in OpenApiTexts.Tags)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var key = Key(context.Description.HttpMethod ?? "GET", context.Description.RelativePath);
        if (OpenApiTexts.Operations.TryGetValue(key, out var text))
        {
            operation.Summary = string.IsNullOrWhiteSpace(operation.Summary) ? text.Summary : operation.Summary;
            operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? text.Description : text.Description + "\n\n" + operation.Description;
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter concrete && string.IsNullOrWhiteSpace(concrete.Description) && concrete.Name is { } name
                && (OpenApiTexts.Parameters.TryGetValue($"{key}:{name}", out var described) || OpenApiTexts.Parameters.TryGetValue(name, out described)))
            {
                concrete.Description = described;
            }
        }

        if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json) && OpenApiExamples.For(key) is { } example)
        {
            json.Example = example;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A body property is required when its validator has an unconditional NotNull/NotEmpty rule for it; a body
    /// without a validator requires what its C# type cannot leave out (a non-nullable value or reference).
    /// Responses keep the framework's marks (every property is always written).
    /// </summary>
    private static Task RequiredFromValidators(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Properties is not { Count: > 0 } || !IsInput(type))
        {
            return Task.CompletedTask;
        }

        using var scope = context.ApplicationServices.CreateScope();
        var validator = scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator;
        var required = new HashSet<string>(StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo info)
            {
                continue;
            }

            var isRequired = validator is not null
                ? HasUnconditionalPresenceRule(validator, info.Name)
                : info.PropertyType.IsValueType ? Nullable.GetUnderlyingType(info.PropertyType) is null : nullability.Create(info).WriteState == NullabilityState.NotNull;
            if (isRequired)
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }

    /// <summary>Bodies the API reads: the records named *Input or *Request.</summary>
    private static bool IsInput(Type type) =>
        type.Namespace?.StartsWith("SkillsMatch.Server", StringComparison.Ordinal) == true
        && (type.Name.EndsWith("Input", StringComparison.Ordinal) || type.Name.EndsWith("Request", StringComparison.Ordinal));

    private static bool HasUnconditionalPresenceRule(IValidator validator, string member) =>
        validator.CreateDescriptor().GetRulesForMember(member).Any(rule =>
            !rule.HasCondition && !rule.HasAsyncCondition
            && rule.Components.Any(c => c.Validator is INotNullValidator or INotEmptyValidator && !c.HasCondition && !c.HasAsyncCondition));
}
