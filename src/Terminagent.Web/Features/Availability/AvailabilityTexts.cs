namespace Terminagent.Web.Features.Availability;

/// <summary>What the free-times API says about a request it cannot answer: <c>AvailabilityTexts.resx</c> and its languages beside this file.</summary>
public sealed class AvailabilityTexts;
