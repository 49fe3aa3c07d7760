using Terminagent.Web;

var app = TerminagentApp.Build(args);
if (StaffCommands.IsCommand(args))
{
    return await StaffCommands.RunAsync(app, args);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
