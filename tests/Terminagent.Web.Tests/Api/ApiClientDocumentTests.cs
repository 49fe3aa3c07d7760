using System.Runtime.CompilerServices;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Api;

/// <summary>
/// The client under Client/ is what NSwag generates from the document the app serves at
/// /openapi/v1.json. This test generates it again from the live document and fails when the two
/// differ, so a change to the API shows up as a change of its client (and of the tests that walk
/// the API through it, GeneratedClientTests). TERMINAGENT_UPDATE_API_CLIENT=1 writes
/// the new client instead; TERMINAGENT_OPENAPI_OUT=path also saves the document (scripts/test.sh lints it).
/// </summary>
public sealed class ApiClientDocumentTests
{
    [Fact]
    public async Task ServedDocument_GeneratesTheCommittedClient()
    {
        // As a city serves it, under its public address (the linter warns of localhost).
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new() { ["App:PublicBaseUrl"] = "https://termine.demostadt.de" });
        using var http = app.CreateClientWithoutSolver();

        var json = await http.GetStringAsync("/openapi/v1.json");
        if (Environment.GetEnvironmentVariable("TERMINAGENT_OPENAPI_OUT") is { Length: > 0 } output)
        {
            await File.WriteAllTextAsync(output, json);
        }

        var generated = Generate(await OpenApiDocument.FromJsonAsync(json)).ReplaceLineEndings("\n");
        var path = ClientPath();
        if (Environment.GetEnvironmentVariable("TERMINAGENT_UPDATE_API_CLIENT") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
        }

        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        var first = FirstDifference(committed, generated);
        Assert.True(
            first is null,
            $"{Path.GetFileName(path)} is not what the served OpenAPI document generates ({first}). If the API changed on purpose, run " +
            "TERMINAGENT_UPDATE_API_CLIENT=1 dotnet test … --filter FullyQualifiedName~ApiClientDocumentTests and review the client's diff.");
    }

    /// <summary>One client class with a method per operation id, System.Text.Json, the HttpClient's base address.</summary>
    public static string Generate(OpenApiDocument document)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "TerminagentClient",
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = "Terminagent.Web.Tests.Api.Client",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    private static string ClientPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Client", "TerminagentClient.g.cs");

    private static string? FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: committed \"{left.Trim()}\", generated \"{right.Trim()}\"";
            }
        }

        return null;
    }
}
