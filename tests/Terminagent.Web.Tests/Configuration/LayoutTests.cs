using System.Xml.Linq;

namespace Terminagent.Web.Tests.Configuration;

/// <summary>
/// The layout's one-way references (DESIGN.md, README "Layout"): the simulation, the trust figures
/// and the benchmarks under tools/ and bench/ reference the engine, never the web host — no
/// reference to src/Terminagent.Web, directly or through another project, and no ASP.NET Core
/// shared framework (a FrameworkReference to Microsoft.AspNetCore.App, or the web SDK, which brings it),
/// and no file taken from the web host's folder (a linked Compile, None or Content item).
/// The web app is run as a process where a tool needs it.
/// </summary>
public sealed class LayoutTests
{
    private static readonly string[] Folders = ["tools", "bench"];

    [Fact]
    public void NoProjectUnderToolsOrBench_ReferencesTheWebHost()
    {
        var root = RepositoryRoot();
        var projects = ProjectsUnder(root, Folders);

        // Not vacuous: the projects are found where the layout puts them.
        Assert.Contains(projects, p => p.EndsWith(Path.Combine("tools", "Terminagent.Trust", "Terminagent.Trust.csproj"), StringComparison.Ordinal));
        Assert.Contains(projects, p => p.EndsWith(Path.Combine("bench", "Terminagent.Load", "Terminagent.Load.csproj"), StringComparison.Ordinal));
        var broken = projects.SelectMany(p => WebHostReferences(root, p).Select(r => $"{Path.GetRelativePath(root, p)}: {r}")).ToList();
        Assert.True(broken.Count == 0, "tools/ and bench/ must not reference the web host:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void TheCheck_FindsAReferenceToTheWebHost_DirectOrThroughAnotherProject()
    {
        var root = Path.Combine(Path.GetTempPath(), "terminagent-tests", "layout-" + Guid.NewGuid().ToString("N"));
        try
        {
            Write(root, "src/Terminagent.Web/Terminagent.Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
            Write(root, "src/Terminagent.Engine/Terminagent.Engine.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            Write(root, "tools/Direct/Direct.csproj", Project("<ProjectReference Include=\"..\\..\\src\\Terminagent.Web\\Terminagent.Web.csproj\" />"));
            Write(root, "tools/Through/Through.csproj", Project("<ProjectReference Include=\"../../src/Helper/Helper.csproj\" />"));
            Write(root, "src/Helper/Helper.csproj", Project("<ProjectReference Include=\"../Terminagent.Web/Terminagent.Web.csproj\" />"));
            Write(root, "bench/Framework/Framework.csproj", Project("<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />"));
            Write(root, "bench/WebSdk/WebSdk.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
            Write(root, "bench/Fine/Fine.csproj", Project("<ProjectReference Include=\"../../src/Terminagent.Engine/Terminagent.Engine.csproj\" />"));
            Write(root, "tools/FileLink/FileLink.csproj", Project("<None Include=\"..\\..\\src\\Terminagent.Web\\city.json\" Link=\"city.json\" />"));

            var found = ProjectsUnder(root, Folders).ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => WebHostReferences(root, p));

            Assert.Equal(["Direct", "FileLink", "Fine", "Framework", "Through", "WebSdk"], found.Keys.Order(StringComparer.Ordinal));
            Assert.NotEmpty(found["Direct"]);
            Assert.NotEmpty(found["Through"]);
            Assert.NotEmpty(found["Framework"]);
            Assert.NotEmpty(found["WebSdk"]);
            Assert.NotEmpty(found["FileLink"]);
            Assert.Empty(found["Fine"]);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>The repository: the first folder above the test's output that holds Terminagent.slnx.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Terminagent.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Terminagent.slnx was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every .csproj under the folders, leaving out build output (bin, obj).</summary>
    private static List<string> ProjectsUnder(string root, IEnumerable<string> folders) =>
        folders.Select(f => Path.Combine(root, f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.csproj", SearchOption.AllDirectories))
            .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>How the project reaches the web host: the path of references that ends in it, the ASP.NET Core framework it uses, or a file it takes from the web host's folder.</summary>
    private static List<string> WebHostReferences(string root, string project)
    {
        var webFolder = Path.Combine(root, "src", "Terminagent.Web") + Path.DirectorySeparatorChar;
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string path, string via)
        {
            if (!seen.Add(path) || !File.Exists(path))
            {
                return;
            }

            if (Path.GetFileName(path).Equals("Terminagent.Web.csproj", StringComparison.OrdinalIgnoreCase))
            {
                found.Add($"references {via}");
                return;
            }

            var xml = XDocument.Load(path);
            if (((string?)xml.Root?.Attribute("Sdk"))?.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) == true)
            {
                found.Add($"{via} uses the web SDK (Microsoft.NET.Sdk.Web)");
            }

            foreach (var framework in xml.Descendants().Where(e => e.Name.LocalName == "FrameworkReference"))
            {
                if (((string?)framework.Attribute("Include"))?.StartsWith("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase) == true)
                {
                    found.Add($"{via} has a FrameworkReference to Microsoft.AspNetCore.App");
                }
            }

            foreach (var item in xml.Descendants().Where(e => e.Name.LocalName is "Compile" or "None" or "Content" or "EmbeddedResource"))
            {
                if ((string?)item.Attribute("Include") is { Length: > 0 } include && Resolve(path, include).StartsWith(webFolder, StringComparison.Ordinal))
                {
                    found.Add($"{via} takes {include} from the web host's folder");
                }
            }

            foreach (var reference in xml.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                if ((string?)reference.Attribute("Include") is { Length: > 0 } include)
                {
                    var target = Resolve(path, include);
                    Visit(target, $"{via} -> {Path.GetFileName(target)}");
                }
            }
        }

        Visit(project, Path.GetFileName(project));
        return found;
    }

    /// <summary>An item's Include, relative to its project, as a full path with this system's separators.</summary>
    private static string Resolve(string project, string include) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', Path.DirectorySeparatorChar)));

    private static string Project(string items) => $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>{items}</ItemGroup></Project>";

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
