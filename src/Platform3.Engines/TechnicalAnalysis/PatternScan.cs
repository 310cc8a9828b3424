using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis.Candlesticks;
using Platform3.Engines.TechnicalAnalysis.ChartPatterns;
using Platform3.Engines.TechnicalAnalysis.Elliott;

namespace Platform3.Engines.TechnicalAnalysis;

[Flags]
public enum PatternKinds : byte
{
    None = 0,
    Candles = 1,
    Chart = 2,
    Elliott = 4,
    All = Candles | Chart | Elliott,
}

/// <summary>
/// One detection of any kind, as the pattern service and the CLI list them: when it happened (start..end), when it
/// became known (<see cref="ConfirmTime"/>, a bar close), and its levels and score where the kind has them.
/// </summary>
public sealed record PatternEvent(PatternKinds Category, string Name, int Direction, DateTime StartTime, DateTime EndTime,
    DateTime ConfirmTime, double KeyLevel, double Target, double Score, string Details);

/// <summary>Runs candlestick, chart-pattern and Elliott detection over a series, causally, in one pass each.</summary>
public static class PatternScan
{
    public static PatternKinds ParseKinds(string text)
    {
        var kinds = PatternKinds.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            kinds |= part.ToLowerInvariant() switch
            {
                "candles" or "candle" or "candlesticks" => PatternKinds.Candles,
                "chart" or "charts" => PatternKinds.Chart,
                "elliott" => PatternKinds.Elliott,
                "all" => PatternKinds.All,
                _ => throw new Core.Errors.UsageException($"Unknown pattern kind '{part}'. Valid: candles, chart, elliott, all."),
            };
        return kinds == PatternKinds.None ? throw new Core.Errors.UsageException("No pattern kinds given; valid: candles, chart, elliott.") : kinds;
    }

    /// <summary>Every detection in time order of confirmation.</summary>
    public static IReadOnlyList<PatternEvent> Run(BarSeries bars, PatternKinds kinds, ZigZagSettings zigzag, FxCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        calendar ??= FxCalendar.Default;
        var events = new List<PatternEvent>();
        if (kinds.HasFlag(PatternKinds.Candles)) events.AddRange(Candles(bars, calendar));
        if (kinds.HasFlag(PatternKinds.Chart) || kinds.HasFlag(PatternKinds.Elliott))
        {
            var scanner = ChartPatternScanner.Scan(bars, zigzag, calendar: calendar);
            if (kinds.HasFlag(PatternKinds.Chart))
                events.AddRange(scanner.Detections.Select(d => new PatternEvent(PatternKinds.Chart, d.Name, d.Direction, d.StartTime, d.EndTime,
                    d.ConfirmTime, d.KeyLevel, d.Target, d.Quality, $"{d.Pivots.Count} pivots, breakout close {d.BreakoutPrice:0.#####}")));
            if (kinds.HasFlag(PatternKinds.Elliott))
                events.AddRange(ElliottLabeller.ProposeAll(scanner.ZigZag.Pivots).Select(c => new PatternEvent(PatternKinds.Elliott,
                    $"elliott {(c.Kind == ElliottKind.Impulse ? "impulse" : "correction")} {c.Label}", c.Direction, c.Pivots[0].Time, c.Pivots[^1].Time,
                    c.ConfirmTime, c.Pivots[^1].Price, double.NaN, c.FibonacciScore, $"{c.Rules.Count(r => r.Passed)}/{c.Rules.Count} rules passed")));
        }
        return [.. events.OrderBy(e => e.ConfirmTime).ThenBy(e => e.Category).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    private static List<PatternEvent> Candles(BarSeries bars, FxCalendar calendar)
    {
        var events = new List<PatternEvent>();
        foreach (var pattern in CandlePatterns.CreateAll())
        {
            var signal = pattern.Compute(bars).Values;
            var n = bars.Count;
            var name = pattern.Name.Split('(')[0]["cdl".Length..];
            for (var i = 0; i < n; i++)
            {
                if (!(signal[i] != 0) || double.IsNaN(signal[i])) continue;
                var close = new DateTime(calendar.BarCloseUtcTicks(bars.Timeframe, bars.Time[i]), DateTimeKind.Utc);
                // A k-candle pattern starts k−1 bars earlier; its span is what the name says, the time is the completing bar.
                // TA-Lib scores dojis +100, but a doji is indecision, not a direction.
                var direction = name.EndsWith("doji", StringComparison.Ordinal) ? 0 : Math.Sign(signal[i]);
                events.Add(new PatternEvent(PatternKinds.Candles, name, direction, bars.TimeAt(Math.Max(0, i - CandleCount(name) + 1)),
                    bars.TimeAt(i), close, bars.Close[i], double.NaN, Math.Abs(signal[i]) / 100, $"{signal[i]:+0;-0}"));
            }
        }
        return events;
    }

    private static int CandleCount(string name) => name switch
    {
        "engulfing" or "harami" or "piercing" or "darkcloudcover" => 2,
        "morningstar" or "eveningstar" or "3whitesoldiers" => 3,
        "3blackcrows" => 4,
        _ => 1,
    };
}
