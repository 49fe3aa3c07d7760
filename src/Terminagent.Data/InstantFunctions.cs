using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Terminagent.Data;

/// <summary>
/// Arithmetic on stored instants inside a query, so statistics group and measure in the database
/// (per hour, minutes between two moments) instead of loading rows. Instants are ticks on SQLite
/// and timestamptz on PostgreSQL; each becomes whole seconds since 1970 in SQL.
/// </summary>
public static class SqlInstant
{
    /// <summary>Whole seconds since 1970-01-01 UTC; translated to SQL in a query, computed here elsewhere.</summary>
    public static long EpochSeconds(Instant at) => at.ToUnixTimeSeconds();

    /// <inheritdoc cref="EpochSeconds(Instant)"/>
    public static long? EpochSeconds(Instant? at) => at?.ToUnixTimeSeconds();

    /// <summary>Lets the context translate <see cref="SqlInstant"/> in queries.</summary>
    public static DbContextOptionsBuilder AddInstantFunctions(this DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(
            options.Options.FindExtension<InstantFunctionsExtension>() ?? new InstantFunctionsExtension());
        return options;
    }
}

internal sealed class InstantFunctionsExtension : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? info;

    public DbContextOptionsExtensionInfo Info => info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        new EntityFrameworkRelationalServicesBuilder(services).TryAdd<IMethodCallTranslatorPlugin, InstantFunctionsPlugin>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Terminagent:InstantFunctions"] = "1";
    }
}

internal sealed class InstantFunctionsPlugin(ISqlExpressionFactory sql, IRelationalTypeMappingSource types) : IMethodCallTranslatorPlugin
{
    public IEnumerable<IMethodCallTranslator> Translators { get; } = [new EpochSecondsTranslator(sql, types)];

    private sealed class EpochSecondsTranslator(ISqlExpressionFactory sql, IRelationalTypeMappingSource types) : IMethodCallTranslator
    {
        private const long TicksPerSecond = 10_000_000;

        public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
        {
            if (method.DeclaringType != typeof(SqlInstant) || method.Name != nameof(SqlInstant.EpochSeconds))
            {
                return null;
            }

            var at = arguments[0];
            var longMapping = types.FindMapping(typeof(long))!;
            var stored = at.TypeMapping?.Converter?.ProviderClrType;
            if (stored == typeof(long))
            {
                // SQLite: 100 ns ticks since 1970; integer division floors them to seconds.
                return sql.Divide(sql.Convert(at, typeof(long), longMapping), sql.Constant(TicksPerSecond, longMapping), longMapping);
            }

            if (stored == typeof(DateTime))
            {
                var epoch = sql.Function(
                    "date_part",
                    [sql.Constant("epoch", types.FindMapping(typeof(string))), at],
                    nullable: true,
                    argumentsPropagateNullability: [false, true],
                    typeof(double),
                    types.FindMapping(typeof(double)));
                var floor = sql.Function("floor", [epoch], nullable: true, argumentsPropagateNullability: [true], typeof(double), types.FindMapping(typeof(double)));
                return sql.Convert(floor, typeof(long), longMapping);
            }

            return null;
        }
    }
}
