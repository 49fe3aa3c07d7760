using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Tests.Staff;

/// <summary>The rules a staff password must keep beyond its length, checked without an app.</summary>
public sealed class PasswordRulesTests
{
    private static readonly string[] CityWords = ["Demostadt", "hauptbahnhof", "Bürgerbüro Hauptbahnhof"];

    private static string? Check(string password, string displayName = "Nina Neumann", string email = "nina.neumann@staff.demostadt.example") =>
        PasswordRules.Check(password, email, email, displayName, CityWords);

    [Fact]
    public void TheEmbeddedList_HoldsAtLeastTheTenThousandMostCommonPasswords()
    {
        Assert.True(PasswordRules.ListSize >= 10_000, $"{PasswordRules.ListSize} passwords");
        Assert.True(PasswordRules.IsListed("123456"));
        Assert.True(PasswordRules.IsListed("passwort"));
    }

    [Theory]
    [InlineData("password1234", PasswordRules.Common)]
    [InlineData("PASSWORD1234", PasswordRules.Common)]
    [InlineData("Passwort2024!", PasswordRules.Common)]
    [InlineData("Sommer2024!!!!", PasswordRules.Common)]
    [InlineData("2024!!Sommer2024!!", PasswordRules.Common)]
    [InlineData("P@ssw0rd12345", PasswordRules.Common)]
    [InlineData("iloveyou123456", PasswordRules.Common)]
    [InlineData("qwertzuiop123", PasswordRules.Common)]
    [InlineData("Fußball2024!!", PasswordRules.Common)]
    [InlineData("1q2w3e4r5t6y", PasswordRules.Common)]
    [InlineData("Demostadt2026!", PasswordRules.Common)]
    [InlineData("Bürgerbüro Hauptbahnhof 1", PasswordRules.Common)]
    [InlineData("abcabcabcabc", PasswordRules.Pattern)]
    [InlineData("123456789012", PasswordRules.Pattern)]
    [InlineData("234567890123", PasswordRules.Pattern)]
    [InlineData("abcdefghijklm", PasswordRules.Pattern)]
    [InlineData("passwordpassword", PasswordRules.Common)]
    [InlineData("SommerSommer", PasswordRules.Pattern)]
    [InlineData("Berlin2024Berlin2024", PasswordRules.Pattern)]
    [InlineData("NinaNeumann1234", PasswordRules.ContainsName)]
    [InlineData("neumann-ist-die-beste", PasswordRules.ContainsName)]
    [InlineData("meine Mail nina.neumann@staff.demostadt.example", PasswordRules.ContainsName)]
    public void WeakPasswords_AreRefused_ByTheRuleTheyBreak(string password, string rule) =>
        Assert.Equal(rule, Check(password));

    [Fact]
    public void APasswordLongerThan128Characters_IsRefused() =>
        Assert.Equal(PasswordRules.TooLong, Check(new string('x', 60) + "Der Rhein fließt nordwärts" + new string('y', 43)));

    [Theory]
    [InlineData("Der Rhein fließt nordwärts")]
    [InlineData("Kaffee ohne Zucker am Montag")]
    [InlineData("hjk7-mn2pq-x9rst")]
    [InlineData("correct horse battery staple")]
    public void GoodPasswords_Pass(string password) => Assert.Null(Check(password));

    [Fact]
    public void GeneratedPasswords_PassTheRules()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Null(PasswordRules.Check(Features.Staff.StaffAccountService.NewPassword(), "a@b.example", "a@b.example", "Ada", CityWords));
        }
    }
}
