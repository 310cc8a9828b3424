using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.Trading.Risk;

/// <summary>One scheduled economic release. Scheduled times are known in advance, so using them is not lookahead.</summary>
public readonly record struct NewsEvent(DateTime TimeUtc, Currency Currency, NewsImpact Impact, string Title);

/// <summary>
/// High-impact events from a CSV calendar, and the blackout test: no new risk in a pair whose base or quote
/// currency has an event within [event − before, event + after].
/// File format (header required, '#' lines are comments, the title may contain commas):
/// <code>time_utc,currency,impact,title
/// 2017-02-03T13:30:00Z,USD,high,Non-farm payrolls</code>
/// </summary>
public sealed class NewsCalendar
{
    private readonly Dictionary<Currency, (long[] Ticks, NewsEvent[] Events)> _byCurrency;

    public IReadOnlyList<NewsEvent> Events { get; }
    public static NewsCalendar Empty { get; } = new([]);

    public NewsCalendar(IEnumerable<NewsEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Events = events.OrderBy(e => e.TimeUtc).ToArray();
        _byCurrency = Events.GroupBy(e => e.Currency).ToDictionary(
            g => g.Key,
            g => (g.Select(e => e.TimeUtc.Ticks).ToArray(), g.ToArray()));
    }

    public static NewsCalendar Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"News calendar not found: {path}");
        return Parse(File.ReadLines(path), path);
    }

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"];

    /// <summary>Parses every line and reports every bad one (file, line, field) before refusing the file.</summary>
    public static NewsCalendar Parse(IEnumerable<string> lines, string fileName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var events = new List<NewsEvent>();
        var problems = new List<DataFormatException>();
        var lineNo = 0;
        var sawHeader = false;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(',', 4);
            if (!sawHeader)
            {
                sawHeader = true;
                if (parts.Length < 4 || !parts[0].Trim().Equals("time_utc", StringComparison.OrdinalIgnoreCase)
                    || !parts[1].Trim().Equals("currency", StringComparison.OrdinalIgnoreCase)
                    || !parts[2].Trim().Equals("impact", StringComparison.OrdinalIgnoreCase))
                    problems.Add(new DataFormatException(fileName, lineNo, "header", "the header 'time_utc,currency,impact,title'", line));
                continue;
            }
            if (parts.Length < 4) { problems.Add(new DataFormatException(fileName, lineNo, "row", "4 fields: time_utc,currency,impact,title", line)); continue; }
            var ok = true;
            if (!DateTime.TryParseExact(parts[0].Trim(), TimeFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                problems.Add(new DataFormatException(fileName, lineNo, "time_utc", "a UTC time such as 2017-02-03T13:30:00Z", parts[0]));
                ok = false;
            }
            if (!Currency.TryParse(parts[1].Trim(), out var currency))
            {
                problems.Add(new DataFormatException(fileName, lineNo, "currency", "a currency code such as USD", parts[1]));
                ok = false;
            }
            NewsImpact impact = default;
            switch (parts[2].Trim().ToLowerInvariant())
            {
                case "low": impact = NewsImpact.Low; break;
                case "medium": impact = NewsImpact.Medium; break;
                case "high": impact = NewsImpact.High; break;
                default:
                    problems.Add(new DataFormatException(fileName, lineNo, "impact", "low, medium or high", parts[2]));
                    ok = false;
                    break;
            }
            if (ok) events.Add(new NewsEvent(DateTime.SpecifyKind(time, DateTimeKind.Utc), currency, impact, parts[3].Trim()));
        }
        if (!sawHeader) problems.Add(new DataFormatException(fileName, 0, "header", "the header 'time_utc,currency,impact,title'", "an empty file"));
        if (problems.Count == 1) throw problems[0];
        if (problems.Count > 1)
            throw new DataException($"{fileName}: {problems.Count} bad rows:{Environment.NewLine}  " +
                                    string.Join(Environment.NewLine + "  ", problems.Select(p => p.Message)), problems[0]);
        return new NewsCalendar(events);
    }

    /// <summary>
    /// The first event of at least <paramref name="minImpact"/> in the instrument's base or quote currency
    /// whose window [time − before, time + after] contains the instant, if any.
    /// </summary>
    public NewsEvent? Blackout(Instrument instrument, long utcTicks, TimeSpan before, TimeSpan after, NewsImpact minImpact)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Find(instrument.Base, utcTicks, before, after, minImpact) ?? Find(instrument.Quote, utcTicks, before, after, minImpact);
    }

    private NewsEvent? Find(Currency currency, long t, TimeSpan before, TimeSpan after, NewsImpact minImpact)
    {
        if (!_byCurrency.TryGetValue(currency, out var list)) return null;
        // Events with time in [t − after, t + before] black out t.
        var from = t - after.Ticks;
        var to = t + before.Ticks;
        var i = Array.BinarySearch(list.Ticks, from);
        if (i < 0) i = ~i;
        else while (i > 0 && list.Ticks[i - 1] == from) i--;
        for (; i < list.Ticks.Length && list.Ticks[i] <= to; i++)
            if (list.Events[i].Impact >= minImpact) return list.Events[i];
        return null;
    }
}
