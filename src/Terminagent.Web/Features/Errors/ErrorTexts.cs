namespace Terminagent.Web.Features.Errors;

/// <summary>What the error pages say: <c>ErrorTexts.resx</c> and its languages beside this file.</summary>
public sealed class ErrorTexts;
