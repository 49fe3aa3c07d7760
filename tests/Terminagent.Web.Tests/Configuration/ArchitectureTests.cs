using System.Text.RegularExpressions;
using System.Xml.Linq;
using Terminagent.Engine;

namespace Terminagent.Web.Tests.Configuration;

/// <summary>
/// The layout README "Layout" draws, checked on the source and the built assemblies: the engine
/// stands without ASP.NET Core, and no two features need each other.
/// </summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void Engine_ReferencesNoAspNetCoreAssembly()
    {
        var references = typeof(EngineRegistration).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name == "Terminagent.Web");
    }

    [Fact]
    public void EngineProject_HasNoFrameworkReferenceToAspNetCore()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Terminagent.Engine", "Terminagent.Engine.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "FrameworkReference" or "PackageReference" or "ProjectReference" or "Reference")
            .Select(e => $"{e.Name.LocalName} {(string?)e.Attribute("Include")}")
            .ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => r.StartsWith("FrameworkReference", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Contains("Terminagent.Web", StringComparison.Ordinal));
    }

    [Fact]
    public void EngineSource_UsesNoAspNetCoreNamespace()
    {
        var offenders = SourceFiles("src/Terminagent.Engine")
            .Where(f => File.ReadAllText(f).Contains("Microsoft.AspNetCore", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("src/Terminagent.Engine", "Terminagent.Engine")]
    [InlineData("src/Terminagent.Web", "Terminagent.Web")]
    public void Features_DoNotNeedEachOther(string folder, string prefix)
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(folder))
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            var own = declared.Groups[1].Value;
            var used = uses.TryGetValue(own, out var set) ? set : uses[own] = [];
            foreach (Match use in Using().Matches(text))
            {
                var other = use.Groups[1].Value;
                if (other.StartsWith(prefix, StringComparison.Ordinal) && other != own)
                {
                    used.Add(other);
                }
            }
        }

        var cycle = FindCycle(uses);
        Assert.True(cycle is null, $"these namespaces need each other: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Transactions_AreOpenedOnlyByTheEngineTransaction()
    {
        var openings = SourceFiles("src")
            .SelectMany(f => File.ReadLines(f).Where(l => l.Contains("BeginTransactionAsync(", StringComparison.Ordinal)).Select(_ => Path.GetFileName(f)))
            .ToList();

        Assert.InRange(openings.Count, 1, 3);
        Assert.All(openings, file => Assert.Equal("EngineTransaction.cs", file));
    }

    [Fact]
    public void TheBookingType_NeedsNoQualifyingNamespace()
    {
        // Once the namespace was called like the type, and code had to write it twice.
        var twice = "Domain.Booking" + ".Booking";
        var offenders = new[] { "src", "tests", "tools", "bench" }
            .SelectMany(SourceFiles)
            .Where(f => File.ReadAllText(f).Contains(twice, StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> uses)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in uses.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return uses.Keys.Order(StringComparer.Ordinal).Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Terminagent.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run inside the repository, under the folder of Terminagent.slnx.");
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Using();
}
