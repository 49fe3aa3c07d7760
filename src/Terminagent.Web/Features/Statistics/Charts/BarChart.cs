using System.Globalization;
using System.Xml.Linq;

namespace Terminagent.Web.Features.Statistics.Charts;

/// <summary>One series of bars; <see cref="CssClass"/> picks its colour in statistics.css (the CSP allows no inline style).</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<double> Values);

/// <summary>
/// A bar chart drawn on the server as inline SVG: no script, one colour class a series, axes with
/// labels, a title and description for assistive technology. The table beside it carries the
/// values in text; the chart itself is one image (<c>role="img"</c>).
/// </summary>
public sealed record BarChart(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    Func<double, string> FormatValue,
    bool Stacked = false,
    double? FixedMax = null,
    string? NoDataText = null,
    bool Compact = false)
{
    private const double Left = 64;
    private const double Right = 12;
    private const double Top = 14;
    private const double Bottom = 44;
    private const int MaxXLabels = 14;
    private const double CharWidth = 6.6;

    /// <summary>Half-width charts get a narrower drawing, so their text shows at the same size as a full-width chart's.</summary>
    private double Width => Compact ? 480 : 800;

    private double Height => Compact ? 260 : 280;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public bool HasData => Series.Any(s => s.Values.Any(v => v > 0));

    /// <summary>The chart as an &lt;svg&gt; element; text is escaped by XML, so names from the city are safe.</summary>
    public string ToSvg()
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = FixedMax ?? NiceCeiling(DataMax());
        var root = new XElement(
            Svg + "svg",
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{Id}-title {Id}-desc"),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(Height)}"),
            new XAttribute("class", "chart"),
            new XAttribute("id", Id),
            new XAttribute("focusable", "false"),
            new XElement(Svg + "title", new XAttribute("id", $"{Id}-title"), Title),
            new XElement(Svg + "desc", new XAttribute("id", $"{Id}-desc"), Description));

        var grid = new XElement(Svg + "g", new XAttribute("class", "chart-grid"));
        const int steps = 4;
        for (var i = 0; i <= steps; i++)
        {
            var value = max * i / steps;
            var y = Top + plotHeight - (plotHeight * i / steps);
            grid.Add(
                new XElement(Svg + "line", Attr("x1", Left), Attr("x2", Left + plotWidth), Attr("y1", y), Attr("y2", y),
                    new XAttribute("class", i == 0 ? "chart-axis" : "chart-gridline")),
                new XElement(Svg + "text", Attr("x", Left - 8), Attr("y", y + 4), new XAttribute("text-anchor", "end"),
                    new XAttribute("class", "chart-label"), FormatValue(value)));
        }

        root.Add(grid);
        var count = Math.Max(1, Categories.Count);
        var band = plotWidth / count;
        var gap = band > 6 ? band * 0.2 : 0;
        var bars = new XElement(Svg + "g", new XAttribute("class", "chart-bars"));
        for (var c = 0; c < Categories.Count; c++)
        {
            var x = Left + (c * band) + (gap / 2);
            var barWidth = Stacked ? band - gap : (band - gap) / Math.Max(1, Series.Count);
            var stackedBase = 0.0;
            for (var s = 0; s < Series.Count; s++)
            {
                var value = Series[s].Values[c];
                if (value <= 0)
                {
                    continue;
                }

                var from = Stacked ? stackedBase : 0;
                var to = from + value;
                stackedBase = to;
                var y1 = Top + plotHeight - (plotHeight * Math.Min(to, max) / max);
                var y0 = Top + plotHeight - (plotHeight * Math.Min(from, max) / max);
                var bx = Stacked ? x : x + (s * barWidth);
                bars.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("class", "bar " + Series[s].CssClass),
                    Attr("x", bx), Attr("y", y1), Attr("width", Math.Max(0.5, barWidth)), Attr("height", Math.Max(0.5, y0 - y1)),
                    new XElement(Svg + "title", $"{Categories[c]}: {Series[s].Name} {FormatValue(value)}")));
            }
        }

        root.Add(bars);
        var every = Math.Max(1, (int)Math.Ceiling(Categories.Count / (double)MaxXLabels));
        var widest = Categories.Count == 0 ? 0 : Categories.Max(c => c.Length) * CharWidth;

        // Labels wider than their room alternate between two rows instead of running into each other.
        var twoRows = widest > band * every * 0.95;
        var labels = new XElement(Svg + "g", new XAttribute("class", "chart-label"));
        for (var c = 0; c < Categories.Count; c += every)
        {
            var x = Left + (c * band) + (band / 2);
            var lower = twoRows && (c / every) % 2 == 1;
            labels.Add(
                new XElement(Svg + "line", Attr("x1", x), Attr("x2", x), Attr("y1", Top + plotHeight), Attr("y2", Top + plotHeight + (lower ? 18 : 5)), new XAttribute("class", "chart-axis")),
                new XElement(Svg + "text", Attr("x", x), Attr("y", Top + plotHeight + (lower ? 34 : 18)), new XAttribute("text-anchor", "middle"), Categories[c]));
        }

        root.Add(labels);
        if (!HasData && NoDataText is not null)
        {
            root.Add(new XElement(Svg + "text", Attr("x", Left + (plotWidth / 2)), Attr("y", Top + (plotHeight / 2)),
                new XAttribute("text-anchor", "middle"), new XAttribute("class", "chart-empty"), NoDataText));
        }

        return root.ToString(SaveOptions.DisableFormatting);
    }

    private double DataMax()
    {
        if (Categories.Count == 0 || Series.Count == 0)
        {
            return 0;
        }

        return Enumerable.Range(0, Categories.Count)
            .Max(c => Stacked ? Series.Sum(s => Math.Max(0, s.Values[c])) : Series.Max(s => s.Values[c]));
    }

    /// <summary>The top of the value axis: four round steps (1, 2, 2.5 or 5 × 10^n, whole numbers) reaching the value.</summary>
    public static double NiceCeiling(double value)
    {
        var rawStep = Math.Max(1, value / 4);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rawStep)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
        {
            var step = factor * magnitude;
            if (step >= rawStep && step == Math.Floor(step))
            {
                return step * 4;
            }
        }

        return 40 * magnitude;
    }

    private static XAttribute Attr(string name, double value) => new(name, N(value));

    private static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
