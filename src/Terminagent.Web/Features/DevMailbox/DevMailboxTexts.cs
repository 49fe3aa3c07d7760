namespace Terminagent.Web.Features.DevMailbox;

/// <summary>The texts of the development mailbox: <c>DevMailboxTexts.resx</c> (German) and <c>.en.resx</c> beside this file.</summary>
public sealed class DevMailboxTexts;
