using System.Runtime.CompilerServices;
using System.Text.Json;
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

    [Fact]
    public async Task EveryOperation_IsDescribed_WithItsRefusalsAndWhoMayCallIt()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var http = app.CreateClientWithoutSolver();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.All(document.GetProperty("tags").EnumerateArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString())));
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Name: op.Value.GetProperty("operationId").GetString()!, Op: op.Value)))
            .ToList();
        Assert.True(operations.Count >= 23, $"only {operations.Count} operations");
        foreach (var (path, name, op) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), name);
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("description").GetString()), name);
            Assert.NotEmpty(op.GetProperty("security").EnumerateArray());
            var refusals = op.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
            Assert.NotEmpty(refusals);
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.All(refusals, r => Assert.EndsWith(
                    "ProblemDetails",
                    r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString(),
                    StringComparison.Ordinal));
            }
        }

        var byName = operations.ToDictionary(o => o.Name, o => o.Op);
        foreach (var creates in new[] { "HoldAppointment", "LeaveWish" })
        {
            var headers = byName[creates].GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString());
            Assert.Equal(["Terminagent-Challenge", "Terminagent-Nonce"], headers);
        }

        Assert.Equal("staffSession", byName["CallNext"].GetProperty("security")[0].EnumerateObject().Single().Name);
        Assert.Equal(["displayDevice", "staffSession"], byName["CallDisplayEvents"].GetProperty("security").EnumerateArray().Select(s => s.EnumerateObject().Single().Name));
        Assert.Contains(
            "alternatives",
            document.GetProperty("components").GetProperty("schemas").GetProperty("TakenProblemDetails").GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        // What the document says of the staff API's refusals, the app answers.
        var client = new Client.TerminagentClient(http);
        var refused = await Assert.ThrowsAsync<Client.ApiException<Client.ProblemDetails>>(() => client.OfficeQueueAsync(Scenario.Office));
        Assert.Equal((401, Client.ProblemDetailsCode.Unauthorized), (refused.StatusCode, refused.Result.Code));
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
