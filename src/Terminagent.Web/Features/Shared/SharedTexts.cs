namespace Terminagent.Web.Features.Shared;

/// <summary>The texts of the frame around every page: <c>SharedTexts.resx</c> and its languages beside this file.</summary>
public sealed class SharedTexts;
