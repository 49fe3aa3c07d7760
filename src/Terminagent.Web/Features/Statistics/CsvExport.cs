using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Statistics;
using Terminagent.Engine.Time;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Statistics;

/// <summary>
/// One statistics table as CSV (RFC 4180): a header row, numbers in invariant culture, dates in
/// ISO 8601, and no cell a spreadsheet would run as a formula.
/// </summary>
public static class CsvExport
{
    public static string Write(StatisticsTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(c => Cell(c.Header))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(',', row.Select((value, i) => Cell(Value(value, table.Columns[i].Kind)))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Value(object? value, CellKind kind) => (value, kind) switch
    {
        (null, _) => "",
        (LocalDate day, _) => LocalDatePattern.Iso.Format(day),
        (double share, CellKind.Share) => Math.Round(share, 4).ToString("0.####", CultureInfo.InvariantCulture),
        (IFormattable f, _) => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Quotes where needed; a text starting like a formula gets a leading apostrophe (OWASP's CSV injection advice).</summary>
    public static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(text))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny("\",\r\n") >= 0 || text.StartsWith(' ')
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    /// <summary>A negative number we wrote ourselves is a number, not a formula.</summary>
    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public static async Task<IResult> ExportAsync(
        string table, string? office, string? from, string? to,
        HttpContext http, StatisticsQuery query, City city, Clock clock, Language lang, AuditLog audit, CancellationToken ct)
    {
        if (!StatisticsTables.Names.Contains(table))
        {
            return TypedResults.NotFound();
        }

        var filter = StatisticsFilter.Read(StaffMember.From(http.User)!, city, clock.Now, office, from, to, lang.Code);
        switch (filter.Refusal)
        {
            case FilterRefusal.UnknownOffice:
                return TypedResults.NotFound();
            case FilterRefusal.NotYourOffice:
                return TypedResults.Forbid();
        }

        if (filter.Problem is not null)
        {
            return TypedResults.Problem(statusCode: 400, title: StatisticsTexts.Text("Export.InvalidPeriod", lang.Code), detail: filter.Problem);
        }

        var report = await query.ReportAsync(filter.Period, filter.Scope, ct);
        await audit.RecordAsync(
            AuditActions.StatisticsExport,
            filter.OfficeId,
            $"Table: {table}\nPeriod: {LocalDatePattern.Iso.Format(filter.Period.From)} – {LocalDatePattern.Iso.Format(filter.Period.To)}",
            ct);
        var csv = Write(StatisticsTables.Build(table, report, lang.Code)!);
        var name = $"terminagent-{table}-{filter.OfficeId ?? "all"}-{LocalDatePattern.Iso.Format(filter.Period.From)}-{LocalDatePattern.Iso.Format(filter.Period.To)}.csv";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        return TypedResults.File(
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(),
            "text/csv; charset=utf-8",
            name);
    }
}
