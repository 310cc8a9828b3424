using System.Globalization;
using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Simulation;

/// <summary>
/// Swap rates from a table (config/swaps.yaml). A pair is charged either in points — a fixed number of
/// price points (ticks) per unit per day, the way MT4/MT5 brokers quote swaps, signed (negative = charge) —
/// or from interest-rate differentials: notional in quote currency × (rate of the held currency − rate of
/// the lent one − markup) / day count. Rates are annual percentages per currency, overridable per pair.
/// </summary>
public sealed class SwapTable : ISwapModel
{
    private sealed record PairSwap(decimal? LongPoints, decimal? ShortPoints, decimal? BaseRate, decimal? QuoteRate);

    private readonly Dictionary<string, PairSwap> _pairs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Currency, decimal> _rates = [];

    public SwapTable(DayOfWeek tripleDay = DayOfWeek.Wednesday, int dayCount = 365, decimal markupPercent = 0m, string source = "swap table")
    {
        if (tripleDay is DayOfWeek.Saturday or DayOfWeek.Sunday) throw new ArgumentOutOfRangeException(nameof(tripleDay), "the triple day must be a weekday");
        if (dayCount is not (360 or 365)) throw new ArgumentOutOfRangeException(nameof(dayCount), "day count must be 360 or 365");
        TripleDay = tripleDay;
        DayCount = dayCount;
        MarkupPercent = markupPercent;
        Source = source;
    }

    public DayOfWeek TripleDay { get; }
    public int DayCount { get; }
    /// <summary>Annual financing markup in percent, taken off both sides in rate mode.</summary>
    public decimal MarkupPercent { get; }
    public string Source { get; }

    /// <summary>No swap at all (every pair, both sides, zero points).</summary>
    public static SwapTable Zero()
    {
        var t = new SwapTable(source: "no swaps");
        t._zero = true;
        return t;
    }

    private bool _zero;

    public SwapTable SetRate(Currency currency, decimal annualPercent)
    {
        _rates[currency] = annualPercent;
        return this;
    }

    public SwapTable SetPoints(string symbol, decimal longPoints, decimal shortPoints)
    {
        _pairs[symbol] = new PairSwap(longPoints, shortPoints, null, null);
        return this;
    }

    public SwapTable SetPairRates(string symbol, decimal baseRate, decimal quoteRate)
    {
        _pairs[symbol] = new PairSwap(null, null, baseRate, quoteRate);
        return this;
    }

    public decimal DailySwapInQuote(Instrument instrument, PositionSide side, decimal units, decimal mid)
    {
        if (_zero || side == PositionSide.Flat) return 0m;
        if (_pairs.TryGetValue(instrument.Symbol, out var p) && p.LongPoints is { } lp)
            return (side == PositionSide.Long ? lp : p.ShortPoints!.Value) * instrument.TickSize * units;
        var rb = p?.BaseRate ?? RateOf(instrument.Base, instrument.Symbol);
        var rq = p?.QuoteRate ?? RateOf(instrument.Quote, instrument.Symbol);
        var differential = side == PositionSide.Long ? rb - rq : rq - rb;
        return units * mid * (differential - MarkupPercent) / 100m / DayCount;
    }

    private decimal RateOf(Currency c, string symbol) =>
        _rates.TryGetValue(c, out var r) ? r
            : throw new UsageException($"{Source}: no swap for {symbol}: add {symbol} under 'pairs' or a rate for {c} under 'rates'.");

    /// <summary>
    /// Loads the table. Keys: triple_day (monday..friday), day_count (360|365), markup (annual %),
    /// rates (currency → annual %), pairs (symbol → {long, short} in points, or {base_rate, quote_rate}).
    /// Every bad key is reported with its line.
    /// </summary>
    public static SwapTable Load(string path)
    {
        var root = YamlConfig.Load(path);
        root.AllowOnly("triple_day", "day_count", "markup", "rates", "pairs");
        var triple = root.OptionalOneOf("triple_day", "wednesday", "monday", "tuesday", "wednesday", "thursday", "friday");
        var dayCount = root.OptionalInt("day_count", 365, 360, 365);
        if (dayCount is not (360 or 365)) root.Error("day_count", $"{dayCount} must be 360 or 365");
        var markup = root.OptionalDecimal("markup", 0m, 0m, 100m);
        var table = new SwapTable(Enum.Parse<DayOfWeek>(triple ?? "wednesday", ignoreCase: true), dayCount is 360 ? 360 : 365, markup, path);
        if (root.OptionalMap("rates") is { } rates)
            foreach (var (key, value) in rates.Entries())
            {
                if (!Currency.TryParse(key, out var c)) { rates.Error(key, "expected a three-letter currency code such as USD"); continue; }
                table._rates[c] = value.AsDecimal(-100m, 100m);
            }
        if (root.OptionalMap("pairs") is { } pairs)
            foreach (var (symbol, node) in pairs.Entries())
            {
                if (!node.IsMapping) { node.ErrorHere("expected {long: .., short: ..} in points or {base_rate: .., quote_rate: ..}"); continue; }
                node.AllowOnly("long", "short", "base_rate", "quote_rate");
                var points = node.Has("long") || node.Has("short");
                var ratesMode = node.Has("base_rate") || node.Has("quote_rate");
                if (points && ratesMode) { node.ErrorHere("give either long/short points or base_rate/quote_rate, not both"); continue; }
                if (points)
                    table._pairs[symbol] = new PairSwap(node.RequireDecimal("long", -1e6m, 1e6m), node.RequireDecimal("short", -1e6m, 1e6m), null, null);
                else if (ratesMode)
                    table._pairs[symbol] = new PairSwap(null, null, node.RequireDecimal("base_rate", -100m, 100m), node.RequireDecimal("quote_rate", -100m, 100m));
                else node.ErrorHere("expected long/short points or base_rate/quote_rate");
            }
        root.Errors.ThrowIfAny();
        return table;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Source}: triple {TripleDay}, {DayCount}-day year, markup {MarkupPercent}%, {_rates.Count} currency rates, {_pairs.Count} pair overrides");
}
