using Terminagent.Domain.Bookings;

namespace Terminagent.Domain.Tests;

public class CallerContactTests
{
    [Fact]
    public void ForCaller_WithoutEmail_IsAccepted_AndTidied()
    {
        var (contact, problems) = Contact.ForCaller("  Karl \t Anrufer ", "  ", " 0211 123456 ", phoneRequiredWithoutEmail: false);

        Assert.Empty(problems);
        Assert.Equal(new CallerContact("Karl Anrufer", null, "0211 123456"), contact);
    }

    [Fact]
    public void ForCaller_WithoutEmailOrPhone_NeedsAPhone_WhenTheInfolineMustCallBack()
    {
        var (contact, problems) = Contact.ForCaller("Karl Anrufer", null, null, phoneRequiredWithoutEmail: true);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.PhoneMissing], problems);
    }

    [Fact]
    public void ForCaller_ChecksAGivenEmail_AsOnline()
    {
        var (contact, problems) = Contact.ForCaller("", "not-an-email", "abc", phoneRequiredWithoutEmail: true);

        Assert.Null(contact);
        Assert.Equal([ContactProblem.NameMissing, ContactProblem.EmailInvalid, ContactProblem.PhoneInvalid], problems);
    }

    [Theory]
    [InlineData("  Anna \t  Maria\u00a0\n Meier  ", "Anna Maria Meier")]
    [InlineData("Ju\u0308rgen", "Jürgen")]
    public void NormaliseName_CollapsesWhitespace_AndComposes(string name, string expected) =>
        Assert.Equal(expected, Contact.NormaliseName(name));

    [Fact]
    public void Create_StillNeedsAnEmail()
    {
        var (_, problems) = Contact.Create("Anna", " ", null);

        Assert.Equal([ContactProblem.EmailMissing], problems);
    }
}
