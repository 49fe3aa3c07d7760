namespace Terminagent.Engine.Cities;

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The address citizens reach the app at; links in emails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
}
