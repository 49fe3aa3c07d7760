namespace Terminagent.Trust.Infrastructure;

/// <summary>Finds the repository the tool (or a test) was built from: scripts and the app's content root.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "smtp_sink.py")) && File.Exists(Path.Combine(folder.FullName, "Terminagent.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"The Terminagent repository was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Where the app finds appsettings.json and wwwroot.</summary>
    public static string WebContentRoot() => Path.Combine(Root(), "src", "Terminagent.Web");
}
