using Terminagent.Domain.Bookings;

namespace Terminagent.Domain.Tests;

/// <summary>What a browser makes of invalid UTF-8 (U+FFFD), invisible direction tricks and smuggled headers is refused.</summary>
public class ContactBadInputTests
{
    private const string Email = "anna.meier@example.de";

    [Theory]
    [InlineData("Anna \uFFFD Meier")]
    [InlineData("Anna\u202EreieM")]
    [InlineData("Anna\u200BMeier")]
    [InlineData("\uFEFFAnna")]
    [InlineData("<script>alert(1)</script>")]
    public void Create_RefusesNamesThatAreNotWhatTheyLookLike(string name)
    {
        var (contact, problems) = Contact.Create(name, Email, null);

        Assert.Null(contact);
        Assert.Contains(ContactProblem.NameInvalid, problems);
    }

    [Fact]
    public void Create_AcceptsAPersianNameWithAZeroWidthNonJoiner()
    {
        var (contact, problems) = Contact.Create("مهدی\u200Cزاده", Email, null);

        Assert.Empty(problems);
        Assert.NotNull(contact);
    }

    [Theory]
    [InlineData("anna\uFFFD@example.de")]
    [InlineData("anna@exa\uFFFDmple.de")]
    [InlineData("anna@example.de\r\nBcc: eve@example.org")]
    [InlineData("anna@example.de\nBcc: eve@example.org")]
    [InlineData("anna@example.de, eve@example.org")]
    [InlineData("anna@example.de; eve@example.org")]
    [InlineData("Anna <anna@example.de>")]
    [InlineData("anna@example.de\u2028Bcc: eve@example.org")]
    [InlineData("anna@example.de\u200B")]
    public void Create_RefusesAddressesThatCarryMoreThanOneAddress(string email)
    {
        var (contact, problems) = Contact.Create("Anna Meier", email, null);

        Assert.Null(contact);
        Assert.Contains(ContactProblem.EmailInvalid, problems);
    }
}
