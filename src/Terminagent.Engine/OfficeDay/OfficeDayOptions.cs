namespace Terminagent.Engine.OfficeDay;

/// <summary>Rules of the day in the office that the city may tune.</summary>
public sealed class OfficeDayOptions
{
    public const string Section = "OfficeDay";

    /// <summary>
    /// How long after its start an appointment nobody checked in for counts as not taken up
    /// (no-show); after that the holder can no longer check in.
    /// </summary>
    public int NoShowAfterMinutes { get; set; } = 15;

    public NodaTime.Duration NoShowGrace => NodaTime.Duration.FromMinutes(NoShowAfterMinutes);
}
