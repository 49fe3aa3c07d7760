namespace Terminagent.Trust.Sections;

/// <summary>One figure of a section: what was measured and its value.</summary>
public sealed record Figure(string Label, string Value);

/// <summary>
/// What one section of the figures found. <see cref="Lost"/> counts bookings, offers or emails
/// lost (must be 0); <see cref="Broken"/> lists invariants that failed (must be empty).
/// </summary>
public sealed record SectionResult(string Section, IReadOnlyList<Figure> Figures, int Lost, int Duplicated, IReadOnlyList<string> Broken)
{
    public bool Passed => Lost == 0 && Broken.Count == 0;

    public static SectionResult Failed(string section, Exception error) =>
        new(section, [new Figure("error", error.GetType().Name + ": " + error.Message)], 0, 0, ["the section could not run: " + error.Message]);
}

/// <summary>The machine the figures run against: a PostgreSQL server, a scratch folder, the built app.</summary>
public sealed record TrustContext(string PostgresServer, string WorkFolder, string? AppFolder);

/// <summary>
/// One part of the figures ("faults survived", later "limits under load", "bad input tried"):
/// starts what it needs, measures, and returns one result row.
/// </summary>
public interface ITrustSection
{
    string Name { get; }

    Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct);
}
