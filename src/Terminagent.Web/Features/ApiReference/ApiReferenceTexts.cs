namespace Terminagent.Web.Features.ApiReference;

/// <summary>The texts of the API reference page: <c>ApiReferenceTexts.resx</c> (German) and <c>.en.resx</c> beside this file.</summary>
public sealed class ApiReferenceTexts;
