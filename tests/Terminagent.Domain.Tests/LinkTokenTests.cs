using System.Text.RegularExpressions;
using NodaTime;
using Terminagent.Domain.Links;

namespace Terminagent.Domain.Tests;

public partial class LinkTokenTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 5, 10, 0);

    [Fact]
    public void Issue_GivesA43CharacterUrlSafeSecret()
    {
        var (secret, _) = Issue();

        Assert.Equal(43, secret.Length);
        Assert.Matches(UrlSafe(), secret);
    }

    [Fact]
    public void Issue_SecretCarries256RandomBits()
    {
        var (secret, _) = Issue();

        var base64 = secret.Replace('-', '+').Replace('_', '/') + "=";
        Assert.Equal(32, Convert.FromBase64String(base64).Length);
    }

    [Fact]
    public void Issue_StoresA64CharacterLowercaseHexHash()
    {
        var (_, token) = Issue();

        Assert.Matches(LowerHex(), token.Hash);
    }

    [Fact]
    public void Issue_StoresTheHashOfTheSecret_NotTheSecret()
    {
        var (secret, token) = Issue();

        Assert.Equal(LinkToken.HashOf(secret), token.Hash);
        Assert.NotEqual(secret, token.Hash);
        Assert.DoesNotContain(secret, token.Hash, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Issue_KeepsPurposeSubjectAndTimes()
    {
        var subject = Guid.NewGuid();
        var expires = Now + Duration.FromDays(30);

        var (_, token) = LinkToken.Issue(LinkPurpose.ManageBooking, subject, Now, expires);

        Assert.Equal(LinkPurpose.ManageBooking, token.Purpose);
        Assert.Equal(subject, token.SubjectId);
        Assert.Equal(Now, token.CreatedAt);
        Assert.Equal(expires, token.ExpiresAt);
    }

    [Fact]
    public void Issue_TwiceForTheSameSubject_GivesDifferentSecretsAndHashes()
    {
        var subject = Guid.NewGuid();

        var first = LinkToken.Issue(LinkPurpose.ConfirmBooking, subject, Now, Now + Duration.FromHours(1));
        var second = LinkToken.Issue(LinkPurpose.ConfirmBooking, subject, Now, Now + Duration.FromHours(1));

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Token.Hash, second.Token.Hash);
    }

    [Fact]
    public void Issue_ManyTimes_NeverRepeatsASecret()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => Issue().Secret).ToList();

        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void HashOf_IsTheSha256OfTheUtf8Text()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", LinkToken.HashOf("abc"));
    }

    [Fact]
    public void HashOf_SameSecret_GivesTheSameHash()
    {
        var (secret, _) = Issue();

        Assert.Equal(LinkToken.HashOf(secret), LinkToken.HashOf(new string(secret.AsSpan())));
    }

    [Fact]
    public void IsWellFormed_AcceptsAnIssuedSecret()
    {
        var (secret, _) = Issue();

        Assert.True(LinkToken.IsWellFormed(secret));
    }

    [Fact]
    public void IsWellFormed_AcceptsEveryUrlSafeCharacter()
    {
        Assert.True(LinkToken.IsWellFormed("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn-_9"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaäaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaa%aaaaaaaaaaaaaaaaaaaaa")]
    public void IsWellFormed_RejectsWrongLengthsAndCharacters(string? secret)
    {
        Assert.False(LinkToken.IsWellFormed(secret));
    }

    [Fact]
    public void IsWellFormed_RejectsAStoredHash()
    {
        var (_, token) = Issue();

        Assert.False(LinkToken.IsWellFormed(token.Hash));
    }

    [Fact]
    public void ExpireAt_ALaterMoment_KeepsTheLinkWorkingUntilThen_AndNothingElse()
    {
        var (_, token) = Issue();
        var (hash, purpose, subject, created) = (token.Hash, token.Purpose, token.SubjectId, token.CreatedAt);

        token.ExpireAt(Now + Duration.FromDays(40));

        Assert.Equal(Now + Duration.FromDays(40), token.ExpiresAt);
        Assert.Equal((hash, purpose, subject, created), (token.Hash, token.Purpose, token.SubjectId, token.CreatedAt));
    }

    private static (string Secret, LinkToken Token) Issue() =>
        LinkToken.Issue(LinkPurpose.ConfirmBooking, Guid.NewGuid(), Now, Now + Duration.FromHours(24));

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex UrlSafe();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHex();
}
