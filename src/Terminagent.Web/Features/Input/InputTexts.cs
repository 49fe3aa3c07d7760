using System.Resources;
using Microsoft.Extensions.Localization;
using Terminagent.Engine.Texts;

namespace Terminagent.Web.Features.Input;

/// <summary>What pages say about input they cannot use: <c>InputTexts.resx</c> and its languages beside this file.</summary>
public sealed class InputTexts
{
    private static readonly ResourceManager Resources = new(typeof(InputTexts));

    internal static string DayRefusalKey(MomentProblem problem) =>
        problem == MomentProblem.OutOfReach ? "Day.OutOfReach" : "Day.Unreadable";

    // For pages of other features (Infoline) that still name their language; they read the same resources.
    public static string DayRefusal(MomentProblem problem, string lang)
    {
        var culture = Languages.CultureOf(lang);
        return string.Format(culture, Resources.GetString(DayRefusalKey(problem), culture)!, Moments.YearsReachable);
    }
}

public static class InputTextsExtensions
{
    extension(IStringLocalizer<InputTexts> t)
    {
        /// <summary>What a page says about a day it cannot use.</summary>
        public string DayRefusal(MomentProblem problem) => t[InputTexts.DayRefusalKey(problem), Moments.YearsReachable];
    }
}
