namespace Terminagent.Web.Features.Abuse;

/// <summary>What citizens read about the proof-of-work and the rate limits: <c>AbuseTexts.resx</c> and its languages beside this file.</summary>
public sealed class AbuseTexts;
