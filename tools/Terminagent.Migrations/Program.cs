using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;

// Generates EF Core migrations for both databases with EF's own scaffolder, since the dotnet-ef
// tool cannot be installed from the package mirror we build with.
//   dotnet run --project tools/Terminagent.Migrations -- add <Name>
//   dotnet run --project tools/Terminagent.Migrations -- check
if (args is not ["add", var name] && args is not ["check"])
{
    Console.Error.WriteLine("usage: add <MigrationName> | check");
    return 2;
}

var root = FindRepositoryRoot();
var pending = false;
foreach (var provider in Enum.GetValues<DatabaseProvider>())
{
    var assemblyName = provider == DatabaseProvider.Sqlite
        ? DataRegistration.SqliteMigrationsAssembly
        : DataRegistration.PostgresMigrationsAssembly;
    var connection = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=design";
    var options = new DbContextOptionsBuilder<TerminagentDb>();
    options.UseTerminagentDatabase(provider, connection);
    using var db = new TerminagentDb(options.Options);

    if (args[0] == "check")
    {
        var changed = db.Database.HasPendingModelChanges();
        Console.WriteLine($"{provider}: {(changed ? "model has changes without a migration" : "migrations up to date")}");
        pending |= changed;
        continue;
    }

    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    var providerAssembly = Assembly.Load(db.Database.ProviderName!);
    var designAttribute = providerAssembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!;
    var designServices = (IDesignTimeServices)Activator.CreateInstance(
        providerAssembly.GetType(designAttribute.TypeName, throwOnError: true)!)!;
    designServices.ConfigureDesignTimeServices(services);
    using var serviceProvider = services.BuildServiceProvider();

    var scaffolder = serviceProvider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[1], assemblyName, "Migrations", "C#");
    var projectDir = Path.Combine(root, "src", assemblyName);
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
    Console.WriteLine($"{provider}: wrote {Path.GetRelativePath(root, files.MigrationFile!)}");
}

return pending ? 1 : 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Terminagent.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run this from inside the Terminagent repository.");
}
