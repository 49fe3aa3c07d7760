using Terminagent.Domain.Bookings;

namespace Terminagent.Domain.Tests;

public class ContactTests
{
    private const string Email = "anna.meier@example.de";

    [Fact]
    public void Create_TrimsAndCollapsesWhitespace()
    {
        var (contact, problems) = Contact.Create("  Anna \t  Maria\u00a0\n Meier  ", "  anna.meier@example.de \t", "  0211 89 12345  ");

        Assert.Empty(problems);
        Assert.NotNull(contact);
        Assert.Equal("Anna Maria Meier", contact.Name);
        Assert.Equal("anna.meier@example.de", contact.Email);
        Assert.Equal("0211 89 12345", contact.Phone);
    }

    [Theory]
    [InlineData("Jürgen Müller-Lüdenscheidt")]
    [InlineData("Zoë O'Brien")]
    [InlineData("Åsa Ødegård")]
    [InlineData("José Pérez García")]
    [InlineData("Ľudmila Šťastná")]
    [InlineData("Dr. Hans-Peter Groß")]
    public void Create_AcceptsNamesWithLettersBeyondAscii(string name)
    {
        var (contact, problems) = Contact.Create(name, Email, null);

        Assert.Empty(problems);
        Assert.Equal(name, contact?.Name);
    }

    [Fact]
    public void Create_ComposesDecomposedUmlauts()
    {
        var (contact, _) = Contact.Create("Ju\u0308rgen Mu\u0308ller", Email, null);

        Assert.Equal("J\u00fcrgen M\u00fcller", contact?.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Create_WithoutName_IsNameMissing(string? name)
    {
        var (contact, problems) = Contact.Create(name, Email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.NameMissing], problems);
    }

    [Fact]
    public void Create_WithNameOfMaxLength_IsAccepted()
    {
        var name = new string('a', Contact.MaxNameLength);

        Assert.Empty(Contact.Create(name, Email, null).Problems);
    }

    [Fact]
    public void Create_WithOverlongName_IsNameTooLong()
    {
        var name = new string('a', Contact.MaxNameLength + 1);

        var (contact, problems) = Contact.Create(name, Email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.NameTooLong], problems);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Anna <b>Meier</b>")]
    [InlineData("Anna > Meier")]
    [InlineData("Anna \"Nina\" Meier")]
    [InlineData("Anna\u0000Meier")]
    [InlineData("Anna\u0007Meier")]
    public void Create_WithMarkupQuotesOrControlCharactersInName_IsNameInvalid(string name)
    {
        var (contact, problems) = Contact.Create(name, Email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.NameInvalid], problems);
    }

    [Fact]
    public void Create_WithLoneSurrogateInName_IsNameInvalid()
    {
        // Built from chars, since test data would turn the broken half into U+FFFD.
        var name = "Anna " + '\uD800' + " Meier";

        var (contact, problems) = Contact.Create(name, Email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.NameInvalid], problems);
    }

    [Fact]
    public void Create_WithSurrogatePairInName_IsAccepted()
    {
        var name = "\U00020BB7田 Yoshiko";

        Assert.Equal(name, Contact.Create(name, Email, null).Contact?.Name);
    }

    [Fact]
    public void Create_WithLoneSurrogateInEmail_IsEmailInvalid()
    {
        var email = "an" + '\uDC00' + "na@example.de";

        var (contact, problems) = Contact.Create("Anna Meier", email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.EmailInvalid], problems);
    }

    [Theory]
    [InlineData("anna.meier@example.de")]
    [InlineData("a@b.de")]
    [InlineData("anna+termine@mail.example.com")]
    [InlineData("o'brien@example.ie")]
    [InlineData("Anna.Meier@Example.DE")]
    [InlineData("first_last-99@sub-domain.example.org")]
    public void Create_AcceptsOrdinaryEmails(string email)
    {
        var (contact, problems) = Contact.Create("Anna Meier", email, null);

        Assert.Empty(problems);
        Assert.Equal(email, contact?.Email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Create_WithoutEmail_IsEmailMissing(string? email)
    {
        var (contact, problems) = Contact.Create("Anna Meier", email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.EmailMissing], problems);
    }

    [Theory]
    [InlineData("anna.example.de")]
    [InlineData("anna@localhost")]
    [InlineData("anna@example")]
    [InlineData("anna@.example.de")]
    [InlineData("anna@example.de.")]
    [InlineData("@example.de")]
    [InlineData("anna@")]
    [InlineData("anna@@example.de")]
    [InlineData("anna meier@example.de")]
    [InlineData("anna@exam ple.de")]
    [InlineData("anna@example.de,bob@example.de")]
    [InlineData("anna@example.de;bob@example.de")]
    [InlineData("\"A\" <a@b.de>")]
    [InlineData("Anna <a@b.de>")]
    [InlineData("<a@b.de>")]
    [InlineData("a@b.de\r\nBcc: x@y.de")]
    [InlineData("a@b.de\nBcc: x@y.de")]
    [InlineData("a@b.de\rBcc: x@y.de")]
    [InlineData("a@b.de\u0000")]
    [InlineData("an\u200bna@example.de")]
    public void Create_WithMalformedEmail_IsEmailInvalid(string email)
    {
        var (contact, problems) = Contact.Create("Anna Meier", email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.EmailInvalid], problems);
    }

    [Fact]
    public void Create_WithEmailOfMaxLength_IsAccepted()
    {
        var email = EmailOfLength(Contact.MaxEmailLength);

        Assert.Empty(Contact.Create("Anna Meier", email, null).Problems);
    }

    [Fact]
    public void Create_With255CharacterEmail_IsEmailTooLong()
    {
        var email = EmailOfLength(255);

        var (contact, problems) = Contact.Create("Anna Meier", email, null);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.EmailTooLong], problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutPhone_HasNoPhone(string? phone)
    {
        var (contact, problems) = Contact.Create("Anna Meier", Email, phone);

        Assert.Empty(problems);
        Assert.Null(contact?.Phone);
    }

    [Theory]
    [InlineData("+49 211 89-12345")]
    [InlineData("(0211) 89 12345")]
    [InlineData("0211/8912345")]
    public void Create_AcceptsUsualPhoneNotations(string phone)
    {
        var (contact, problems) = Contact.Create("Anna Meier", Email, phone);

        Assert.Empty(problems);
        Assert.Equal(phone, contact?.Phone);
    }

    [Theory]
    [InlineData("0211 CALL ME")]
    [InlineData("0211 8912345 ext. 4")]
    [InlineData("0211\n8912345")]
    [InlineData("0211 <b>")]
    [InlineData("٠٢١١")]
    public void Create_WithLettersOrOtherSignsInPhone_IsPhoneInvalid(string phone)
    {
        var (contact, problems) = Contact.Create("Anna Meier", Email, phone);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.PhoneInvalid], problems);
    }

    [Fact]
    public void Create_WithOverlongPhone_IsPhoneTooLong()
    {
        var (contact, problems) = Contact.Create("Anna Meier", Email, new string('1', Contact.MaxPhoneLength + 1));

        Assert.Null(contact);
        Assert.Equal([ContactProblem.PhoneTooLong], problems);
    }

    [Fact]
    public void Create_ReportsEveryProblemAtOnce()
    {
        var (contact, problems) = Contact.Create(" ", "not an address", "call me");

        Assert.Null(contact);
        Assert.Equal([ContactProblem.NameMissing, ContactProblem.EmailInvalid, ContactProblem.PhoneInvalid], problems);
    }

    [Theory]
    [InlineData("Anna.Meier@Example.DE", "anna.meier@example.de")]
    [InlineData("  anna.meier@example.de\t", "anna.meier@example.de")]
    [InlineData(" ANNA@EXAMPLE.DE ", "anna@example.de")]
    public void NormaliseEmail_LowercasesAndTrims(string email, string expected)
    {
        Assert.Equal(expected, Contact.NormaliseEmail(email));
    }

    [Fact]
    public void NormaliseEmail_MakesTheSamePersonsAddressesEqual()
    {
        Assert.Equal(Contact.NormaliseEmail("Anna.Meier@Example.de"), Contact.NormaliseEmail(" anna.meier@EXAMPLE.DE"));
    }

    /// <summary>A valid address of exactly <paramref name="length"/> characters, with labels under 64 characters.</summary>
    private static string EmailOfLength(int length)
    {
        var local = new string('a', 64);
        var domain = string.Join('.', new string('b', 60), new string('c', 60), new string('d', 60));
        var tld = new string('e', length - local.Length - 1 - domain.Length - 1);
        var email = $"{local}@{domain}.{tld}";
        Assert.Equal(length, email.Length);
        return email;
    }
}
