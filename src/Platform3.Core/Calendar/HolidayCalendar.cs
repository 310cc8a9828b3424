using Platform3.Core.Configuration;

namespace Platform3.Core.Calendar;

/// <summary>
/// Trading days on which the FX market is treated as closed. A trading day D runs from 17:00 New York on
/// D−1 to 17:00 New York on D. Entries are either fixed dates or recurring month/day pairs.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> _dates = [];
    private readonly HashSet<(int Month, int Day)> _recurring = [];
    private readonly Dictionary<DateOnly, string> _names = [];
    private readonly Dictionary<(int, int), string> _recurringNames = [];

    public static HolidayCalendar None { get; } = new();

    /// <summary>Christmas Day and New Year's Day, the two days every FX venue closes.</summary>
    public static HolidayCalendar Standard { get; } = CreateStandard();

    private static HolidayCalendar CreateStandard()
    {
        var h = new HolidayCalendar();
        h.AddRecurring(12, 25, "Christmas Day");
        h.AddRecurring(1, 1, "New Year's Day");
        return h;
    }

    public void AddDate(DateOnly date, string name)
    {
        _dates.Add(date);
        _names[date] = name;
    }

    public void AddRecurring(int month, int day, string name)
    {
        _recurring.Add((month, day));
        _recurringNames[(month, day)] = name;
    }

    public bool IsHoliday(DateOnly tradingDay) =>
        _dates.Contains(tradingDay) || _recurring.Contains((tradingDay.Month, tradingDay.Day));

    public string? NameOf(DateOnly tradingDay) =>
        _names.TryGetValue(tradingDay, out var n) ? n :
        _recurringNames.TryGetValue((tradingDay.Month, tradingDay.Day), out var r) ? r : null;

    /// <summary>
    /// Loads <c>recurring: [{month, day, name}]</c> and <c>dates: [{date: YYYY-MM-DD, name}]</c>.
    /// All errors are reported together, each with its line.
    /// </summary>
    public static HolidayCalendar Load(string path)
    {
        var root = YamlConfig.Load(path);
        root.AllowOnly("recurring", "dates");
        var cal = new HolidayCalendar();
        foreach (var item in root.OptionalList("recurring"))
        {
            item.AllowOnly("month", "day", "name");
            var m = item.RequireInt("month", 1, 12);
            var d = item.RequireInt("day", 1, 31);
            var name = item.OptionalString("name") ?? "holiday";
            if (m is >= 1 and <= 12 && d >= 1 && d > DateTime.DaysInMonth(2024, m)) item.Error("day", $"{m}/{d} is not a date");
            else cal.AddRecurring(m, d, name);
        }
        foreach (var item in root.OptionalList("dates"))
        {
            item.AllowOnly("date", "name");
            var date = item.RequireDate("date");
            if (date is not null) cal.AddDate(date.Value, item.OptionalString("name") ?? "holiday");
        }
        root.Errors.ThrowIfAny();
        return cal;
    }
}
