using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Time;

namespace Terminagent.Engine.Cities;

/// <summary>
/// The moment <c>Clock:StartAt</c> names: an absolute one (<c>2026-12-01T09:30:00+01:00</c>), or
/// <c>next-opening-day 09:30</c>, that local time on the first day after today on which an office
/// of the city file opens, so that a walkthrough works on whatever day a reader follows it.
/// </summary>
public static class DemoStart
{
    public const string Key = "Clock:StartAt";
    public const string NextOpeningDay = "next-opening-day";

    /// <summary>How far ahead an opening day is looked for: a city closed longer is a mistake.</summary>
    private const int SearchDays = 366;

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("H:mm");

    /// <exception cref="OptionsValidationException">The value is neither form, or no office opens within a year.</exception>
    public static Instant Resolve(string value, CityOptions cityFile, Instant now)
    {
        var text = value.Trim();
        if (text.StartsWith(NextOpeningDay, StringComparison.OrdinalIgnoreCase))
        {
            var time = TimePattern.Parse(text[NextOpeningDay.Length..].Trim());
            if (!time.Success)
            {
                throw Invalid($"{Key}: '{value}' needs a local time after {NextOpeningDay}, e.g. '{NextOpeningDay} 09:30'.");
            }

            var (city, errors) = CityFactory.Build(cityFile);
            if (city is null)
            {
                throw new OptionsValidationException(CityOptions.Section, typeof(CityOptions), errors);
            }

            return NextOpeningDayAt(city, now, time.Value)
                ?? throw Invalid($"{Key}: no office of the city file opens within {SearchDays} days after today, so '{value}' names no day.");
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return Instant.FromDateTimeOffset(moment);
        }

        throw Invalid($"{Key}: '{value}' is not a date and time, e.g. 2026-12-01T09:30:00+01:00, nor '{NextOpeningDay} 09:30'.");
    }

    /// <summary>
    /// The clock the configuration asks for: <paramref name="system"/> (the system's when not given),
    /// or that clock shifted to <c>Clock:StartAt</c> (see <see cref="Resolve"/>).
    /// </summary>
    public static TimeProvider ClockFrom(IConfiguration configuration, TimeProvider? system = null)
    {
        system ??= TimeProvider.System;
        var startAt = configuration[Key];
        if (string.IsNullOrWhiteSpace(startAt))
        {
            return system;
        }

        var cityFile = new CityOptions();
        configuration.GetSection(CityOptions.Section).Bind(cityFile);
        var moment = Resolve(startAt, cityFile, Instant.FromDateTimeOffset(system.GetUtcNow()));
        return new ShiftedTimeProvider(moment.ToDateTimeOffset(), system);
    }

    /// <summary>
    /// <paramref name="at"/> on the first day after today on which any office opens, each office's
    /// days and time read in its own time zone; null when none opens within <see cref="SearchDays"/>.
    /// </summary>
    public static Instant? NextOpeningDayAt(City city, Instant now, LocalTime at)
    {
        Instant? first = null;
        foreach (var office in city.Offices)
        {
            var today = now.InZone(office.Zone).Date;
            for (var day = 1; day <= SearchDays; day++)
            {
                var date = today.PlusDays(day);
                if (office.PeriodsOn(date).Count > 0)
                {
                    var start = office.Zone.StartAt(date.At(at));
                    first = first is { } earlier && earlier <= start ? earlier : start;
                    break;
                }
            }
        }

        return first;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Key, typeof(TimeProvider), [message]);
}
