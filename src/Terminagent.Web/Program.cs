using Microsoft.Extensions.Options;
using Terminagent.Web;

// Before the app is built: the usage is shown whatever the configuration says.
if (Usage.ShowIfAsked(args, Console.Out) is { } shown)
{
    return shown;
}

try
{
    var app = TerminagentApp.Build(args);

    // The settings checked at start, checked before the host starts: it would log its own failure
    // with a stack trace before the message below.
    app.Services.GetService<IStartupValidator>()?.Validate();
    if (StaffCommands.IsCommand(args))
    {
        return await StaffCommands.RunAsync(app, args);
    }

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationProblem.Find(ex) is { } invalid)
{
    // A mistake in the settings or the city file is the operator's to fix: say which key and
    // what is wrong, without a stack trace, and exit with EX_CONFIG.
    await Console.Error.WriteLineAsync(ConfigurationProblem.Describe(invalid));
    return ConfigurationProblem.ExitCode;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

/// <summary>How the app answers settings it cannot start with.</summary>
internal static class ConfigurationProblem
{
    /// <summary>EX_CONFIG of sysexits.h, as the README's Configuration section says.</summary>
    public const int ExitCode = 78;

    public static OptionsValidationException? Find(Exception ex) => ex switch
    {
        OptionsValidationException invalid => invalid,
        AggregateException many => many.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };

    public static string Describe(OptionsValidationException invalid) =>
        "Terminagent cannot start: the configuration is not valid.\n"
        + string.Join("\n", invalid.Failures.Select(f => "  " + f))
        + "\nSee README.md, \"Configuration\".";
}
