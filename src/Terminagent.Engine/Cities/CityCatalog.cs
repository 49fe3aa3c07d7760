using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Terminagent.Data;
using Terminagent.Data.Administration;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Cities;

/// <summary>One version of the city's settings: as edited (<see cref="Options"/>) and as validated (<see cref="City"/>).</summary>
public sealed record CitySettings(int Version, CityOptions Options, City City);

/// <summary>
/// The city's settings in force. The city file seeds them; administrators change them in the staff
/// area, and every change is a new numbered version in the database, so all app instances agree:
/// each one reads the newest version at start and again every few seconds. A city file that
/// changed since it was last imported is imported again as a new version, so IT can still
/// deploy a new file.
/// </summary>
public sealed class CityCatalog
{
    public const string FileSource = "city.json";

    /// <summary>The demo city (Cities/demo-city.json), which the build puts beside every program on the engine.</summary>
    public static string DemoCityFile => Path.Combine(AppContext.BaseDirectory, FileSource);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly IServiceScopeFactory scopes;
    private readonly CityOptions fileOptions;
    private readonly Clock clock;
    private readonly ILogger<CityCatalog> log;
    private CitySettings current;

    public CityCatalog(IServiceScopeFactory scopes, IOptions<CityOptions> fileOptions, Clock clock, ILogger<CityCatalog> log)
    {
        this.scopes = scopes;
        this.fileOptions = fileOptions.Value;
        this.clock = clock;
        this.log = log;
        current = new CitySettings(0, this.fileOptions, Validated(this.fileOptions));
    }

    public CitySettings Settings => Volatile.Read(ref current);

    public City Current => Settings.City;

    /// <summary>Imports the city file if it changed, then takes the newest version. Runs after migrations.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var fileDocument = Serialize(fileOptions);
        var fileHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileDocument)));
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
            var lastImport = await db.CityVersions.AsNoTracking()
                .Where(v => v.FileHash != null).OrderByDescending(v => v.Version).Select(v => v.FileHash).FirstOrDefaultAsync(ct);
            if (lastImport == fileHash)
            {
                break;
            }

            var newest = await NewestVersionAsync(db, ct);
            db.CityVersions.Add(new CityVersion
            {
                Version = newest + 1,
                Document = fileDocument,
                SavedAt = clock.Now,
                SavedBy = FileSource,
                FileHash = fileHash,
            });
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.Now,
                Actor = FileSource,
                Action = "city.file",
                Details = $"{FileSource} ({fileHash[..12]})",
            });
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another instance imported or saved at the same moment: look again.
            }
        }

        await RefreshAsync(ct);
    }

    /// <summary>Takes the newest saved version if it is newer than the one in force; true when it changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        var newest = await NewestVersionAsync(db, ct);
        if (newest <= Settings.Version)
        {
            return false;
        }

        var row = await db.CityVersions.AsNoTracking().SingleAsync(v => v.Version == newest, ct);
        var options = JsonSerializer.Deserialize<CityOptions>(row.Document, Json)!;
        var (city, errors) = CityFactory.Build(options);
        if (city is null)
        {
            log.LogError("City settings version {Version} are invalid and were not taken: {Errors}", newest, string.Join(" ", errors));
            return false;
        }

        Use(new CitySettings(newest, options, city));
        return true;
    }

    /// <summary>
    /// Adds the next version to <paramref name="db"/>'s unit of work; saving it fails with a
    /// <see cref="DbUpdateException"/> when someone saved a version after <paramref name="basedOn"/>.
    /// </summary>
    public static CityVersion NextVersion(TerminagentDb db, int basedOn, CityOptions options, string savedBy, Guid? staffId, NodaTime.Instant now)
    {
        var version = new CityVersion
        {
            Version = basedOn + 1,
            Document = Serialize(options),
            SavedAt = now,
            SavedBy = savedBy,
            SavedByStaffId = staffId,
        };
        db.CityVersions.Add(version);
        return version;
    }

    /// <summary>Puts a saved version in force on this instance at once (others follow on their next refresh).</summary>
    public void Use(CitySettings settings)
    {
        CitySettings seen;
        do
        {
            seen = Volatile.Read(ref current);
            if (settings.Version <= seen.Version)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref current, settings, seen) != seen);
    }

    /// <summary>A deep copy to edit, so the settings in force never change under a request.</summary>
    public static CityOptions Copy(CityOptions options) => JsonSerializer.Deserialize<CityOptions>(Serialize(options), Json)!;

    private static string Serialize(CityOptions options) => JsonSerializer.Serialize(options, Json);

    private static async Task<int> NewestVersionAsync(TerminagentDb db, CancellationToken ct) =>
        await db.CityVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0;

    private static City Validated(CityOptions options)
    {
        var (city, errors) = CityFactory.Build(options);
        return city ?? throw new OptionsValidationException(CityOptions.Section, typeof(CityOptions), errors);
    }
}
