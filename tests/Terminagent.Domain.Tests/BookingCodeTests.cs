using System.Text.RegularExpressions;
using Terminagent.Domain.Bookings;

namespace Terminagent.Domain.Tests;

public partial class BookingCodeTests
{
    private const string Unambiguous = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static readonly List<string> Codes = Enumerable.Range(0, 2000).Select(_ => BookingCode.New()).ToList();

    [Fact]
    public void New_IsFourCharactersDashFourCharacters()
    {
        Assert.All(Codes, code => Assert.Matches(Format(), code));
    }

    [Fact]
    public void New_NeverUsesCharactersThatReadAlike()
    {
        Assert.All(Codes, code => Assert.DoesNotMatch("[01OIL]", code));
    }

    [Fact]
    public void New_NeverUsesLowercase()
    {
        Assert.All(Codes, code => Assert.Equal(code.ToUpperInvariant(), code));
    }

    [Fact]
    public void New_DrawsFromTheWholeAlphabet()
    {
        // 16,000 draws from 31 characters: missing one by chance is below 1 in 10^200.
        var used = Codes.SelectMany(c => c).Where(c => c != '-').ToHashSet();

        Assert.Equal(Unambiguous.ToHashSet(), used);
    }

    [Fact]
    public void New_RarelyRepeats()
    {
        // 31^8 is about 8.5 * 10^11 codes; a repeat among 2,000 has odds of about 2 in a million.
        Assert.Equal(Codes.Count, Codes.Distinct().Count());
    }

    [Theory]
    [InlineData("K7M4-P2QX")]
    [InlineData("k7m4-p2qx")]
    [InlineData("K7M4P2QX")]
    [InlineData(" k7m4 p2qx ")]
    public void Normalise_ReadsACodeHoweverItWasTypedOrScanned(string typed) =>
        Assert.Equal("K7M4-P2QX", BookingCode.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7M4-P2Q")]
    [InlineData("K7M4-P2QXY")]
    [InlineData("K7M4-P2Q<")]
    [InlineData("K7M4-P2QÄ")]
    public void Normalise_RefusesWhatCannotBeACode(string? typed) =>
        Assert.Null(BookingCode.Normalise(typed));

    [GeneratedRegex("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex Format();
}
