namespace Terminagent.Web.Features.CallDisplay;

/// <summary>The call display's texts: <c>CallDisplayTexts.resx</c> and its languages beside this file.</summary>
public sealed class CallDisplayTexts;
