using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// Builds signal generators from specs: <c>ma-cross(10,50)</c> (option ma=ema|sma), <c>rsi-threshold(14,30,70)</c>,
/// <c>bb-reversion(20,2)</c>, <c>donchian-breakout(20)</c>, <c>session-breakout(60,session=london)</c>.
/// A generator's <see cref="SignalGenerator.Name"/> is its canonical spec.
/// </summary>
public static class SignalGenerators
{
    public static IReadOnlyList<string> Usage { get; } =
    [
        "ma-cross(fast=10, slow=50, ma=ema|sma)", "rsi-threshold(period=14, lower=30, upper=70)", "bb-reversion(period=20, k=2)",
        "donchian-breakout(period=20)", "session-breakout(minutes=60, session=london|newyork|tokyo|sydney)",
    ];

    public static SignalGenerator Create(string spec, string symbol, Timeframe timeframe, FxCalendar? calendar = null)
    {
        var s = IndicatorSpec.Parse(spec);
        double Arg(int i, double fallback) => i < s.Positional.Count ? s.Positional[i] : fallback;
        int IntArg(int i, int fallback)
        {
            var v = Arg(i, fallback);
            return v == Math.Floor(v) ? (int)v : throw new UsageException($"Signal spec '{spec}': argument {i + 1} must be a whole number.");
        }
        string Opt(string key, string fallback) => s.Options.TryGetValue(key, out var v) ? v.ToLowerInvariant() : fallback;
        try
        {
            return s.Name switch
            {
                "ma-cross" => new MaCrossover(symbol, timeframe, IntArg(0, 10), IntArg(1, 50), Opt("ma", "ema") == "sma" ? MaKind.Sma : MaKind.Ema, calendar: calendar),
                "rsi-threshold" => new RsiThreshold(symbol, timeframe, IntArg(0, 14), Arg(1, 30), Arg(2, 70), calendar: calendar),
                "bb-reversion" => new BollingerReversion(symbol, timeframe, IntArg(0, 20), Arg(1, 2), calendar: calendar),
                "donchian-breakout" => new DonchianBreakout(symbol, timeframe, IntArg(0, 20), calendar: calendar),
                "session-breakout" => new SessionBreakout(symbol, timeframe,
                    Enum.TryParse<TradingSession>(Opt("session", "london"), true, out var session) && session != TradingSession.None
                        ? session : throw new UsageException($"Signal spec '{spec}': unknown session; valid: london, newyork, tokyo, sydney."),
                    IntArg(0, 60), calendar),
                _ => throw new UsageException($"Unknown signal generator '{s.Name}'. Valid: {string.Join(", ", Usage)}."),
            };
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"Signal spec '{spec}': {e.Message.Split(" (Parameter")[0]}.");
        }
    }

}
