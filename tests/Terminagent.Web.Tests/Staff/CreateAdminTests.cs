using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Engine.Audit;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Staff;

/// <summary>The first administrator comes from the create-admin command, with a generated password and none by default.</summary>
public sealed partial class CreateAdminTests
{
    private static async Task<(int Exit, string Output, string Error)> CreateAdminAsync(TestApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StaffCommands.CreateAdministratorAsync(app.Services, ["create-admin", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheFirstAdministrator_GetsAGeneratedPasswordShownOnce_AndASecondIsRefused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using (var db = app.NewDb())
        {
            Assert.False(await db.Users.AnyAsync(), "A fresh installation has no account, so no default one.");
        }

        var (exit, output, _) = await CreateAdminAsync(app, "ada@staff.demostadt.example", "Ada Admin", "--Logging:LogLevel:Default=Warning");

        Assert.Equal(0, exit);
        var password = PasswordPattern().Match(output).Groups[1].Value;
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", password);
        Assert.Null(PasswordRules.Check(password, "ada@staff.demostadt.example", "ada@staff.demostadt.example", "Ada Admin", []));
        Assert.Equal(HttpStatusCode.Redirect, await StaffAccounts.AccountPages.SignInStatusAsync(app, "ada@staff.demostadt.example", password));
        await using (var db = app.NewDb())
        {
            var created = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.AccountNew);
            Assert.Equal("create-admin", created.Actor);
            Assert.Contains("ada@staff.demostadt.example", created.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(password, created.Details, StringComparison.Ordinal);
        }

        var (again, _, error) = await CreateAdminAsync(app, "bob@staff.demostadt.example");
        Assert.Equal(1, again);
        Assert.Contains("An administrator exists already.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstallations_NeverShareAPassword()
    {
        await using var first = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await using var second = await TestApp.StartAsync(DatabaseProvider.Sqlite);

        var (_, a, _) = await CreateAdminAsync(first, "ada@staff.demostadt.example", "Ada Admin");
        var (_, b, _) = await CreateAdminAsync(second, "ada@staff.demostadt.example", "Ada Admin");

        Assert.NotEqual(PasswordPattern().Match(a).Groups[1].Value, PasswordPattern().Match(b).Groups[1].Value);
    }

    [Fact]
    public async Task WithoutAnAddress_TheCommandExplainsItself()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);

        var (exit, _, error) = await CreateAdminAsync(app);

        Assert.Equal(2, exit);
        Assert.Contains("usage: create-admin <email>", error, StringComparison.Ordinal);
    }

    [GeneratedRegex("Password \\(shown only now\\): (\\S+)")]
    private static partial Regex PasswordPattern();
}
