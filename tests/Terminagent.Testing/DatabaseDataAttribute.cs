using System.Reflection;
using Terminagent.Data;
using Xunit.Sdk;

namespace Terminagent.Testing;

/// <summary>
/// Runs a theory once per database the engine supports: SQLite always, and PostgreSQL on the
/// server <see cref="TestDatabase.PostgresVariable"/> names (scripts/test.sh starts one). The
/// <see cref="DatabaseProvider"/> is the theory's first argument, <see cref="Arguments"/> follow it.
/// Without a PostgreSQL server the PostgreSQL case fails with a message that says how to get one
/// (<see cref="TestDatabase.CreateAsync"/>): a suite that quietly skipped half of its databases
/// would pass without having tested what it claims.
/// </summary>
/// <example>
/// <code>
/// [Theory]
/// [DatabaseData]
/// public async Task ConcurrentHolds_GiveExactlyOneBooking(DatabaseProvider provider)
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class DatabaseDataAttribute(params object[] arguments) : DataAttribute
{
    public static IReadOnlyList<DatabaseProvider> Databases { get; } = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>What each case gets after its database, the same for every database.</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Databases.Select(database => (object[])[database, .. Arguments]);
}
