using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;
using Platform3.Trading.Tests.Accounting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Kernel;

/// <summary>
/// The run's kept records (ledger entries, trades, order events and their fills) are stored packed and built on
/// read. Every value must come back bit for bit: a decimal with its scale (1.10 stays 1.10), a double with its
/// bits, strings, nulls and ids as they were.
/// </summary>
public class CompactRecordTests
{
    /// <summary>A decimal of any shape: coefficients from one digit to 96 bits, every scale, either sign (negative zero too).</summary>
    private static decimal AnyDecimal(Random rng)
    {
        var size = rng.Next(4);
        var lo = rng.Next(int.MinValue, int.MaxValue);
        var mid = size >= 2 ? rng.Next(int.MinValue, int.MaxValue) : size == 1 ? rng.Next(0, 1 << 24) : 0;
        var hi = size == 3 ? rng.Next(int.MinValue, int.MaxValue) : 0;
        if (size == 0 && rng.Next(4) == 0) lo = rng.Next(0, 3);
        return new decimal(lo, mid, hi, rng.Next(2) == 0, (byte)rng.Next(29));
    }

    private static bool Same(decimal a, decimal b) => decimal.GetBits(a).AsSpan().SequenceEqual(decimal.GetBits(b));

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static string? AnyString(Random rng, string[] pool) => rng.Next(5) == 0 ? null : rng.Next(3) == 0 ? $"note {rng.Next(1000)}" : pool[rng.Next(pool.Length)];

    [Property(MaxTest = 200)]
    public Property Packed_decimals_come_back_bit_for_bit(int seed)
    {
        var rng = new Random(seed);
        var store = new PackedDecimals();
        var values = Enumerable.Range(0, 200).Select(_ => AnyDecimal(rng))
            .Concat([0m, -0m, 0.00m, 1m, 1.0m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 72057594037927935m, 72057594037927936m])
            .ToArray();
        var packed = values.Select(store.Pack).ToArray();
        var ok = values.Select((v, i) => Same(v, store.Unpack(packed[i]))).All(x => x);
        // Only coefficients of 2^56 and above are spilled.
        var spilled = values.Count(v => { var b = decimal.GetBits(v); return b[2] != 0 || (uint)b[1] >= 1u << 24; });
        return (ok && store.SpilledCount == spilled && PackedDecimals.ReadsInPlace).Label($"spilled {store.SpilledCount}, expected {spilled}");
    }

    [Property(MaxTest = 100)]
    public Property Ledger_entries_read_back_exactly_as_posted(int seed)
    {
        var rng = new Random(seed);
        var ledger = new Ledger(rng.Next(2) == 0 ? Currency.USD : Currency.JPY);
        var posted = new List<LedgerEntry>();
        string[] symbols = ["EURUSD", "USDJPY", "EURGBP"];
        string[] notes = ["commission", "stop-out", "rollover", "rollover x3", "deposit"];
        Currency[] currencies = [Currency.USD, Currency.JPY, Currency.GBP, Currency.EUR];
        var t = new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        posted.Add(ledger.Post(t, LedgerEntryKind.Deposit, 1_000_000m, ledger.Currency, 1_000_000m, 1m, note: "deposit"));
        for (var i = rng.Next(600); i > 0; i--)
        {
            t = t.AddSeconds(rng.Next(1, 100_000));
            var kind = (LedgerEntryKind)(2 + rng.Next(3)); // realised, commission, swap: any sign
            var amount = Math.Round(AnyDecimal(rng) % 100_000m, rng.Next(8));
            posted.Add(ledger.Post(t, kind, amount, currencies[rng.Next(currencies.Length)], AnyDecimal(rng), AnyDecimal(rng),
                rng.Next(3) == 0 ? 0 : rng.NextInt64(1, long.MaxValue), rng.Next(3) == 0 ? null : new OrderId(rng.NextInt64(0, long.MaxValue)),
                AnyString(rng, symbols), AnyString(rng, notes)));
        }
        var read = ledger.Entries;
        var bad = Enumerable.Range(0, posted.Count).FirstOrDefault(i => !SameEntry(posted[i], read[i]), -1);
        return (read.Count == posted.Count && bad < 0 && ledger.CheckIdentity() is null).Label($"first difference at {bad}");
    }

    private static bool SameEntry(LedgerEntry a, LedgerEntry b) =>
        a.Sequence == b.Sequence && a.Time == b.Time && a.Time.Kind == b.Time.Kind && a.Kind == b.Kind && Same(a.Amount, b.Amount)
        && Same(a.BalanceAfter, b.BalanceAfter) && a.OriginalCurrency == b.OriginalCurrency && Same(a.OriginalAmount, b.OriginalAmount)
        && Same(a.Rate, b.Rate) && a.PositionId == b.PositionId && a.OrderId == b.OrderId && a.Symbol == b.Symbol && a.Note == b.Note;

    [Property(MaxTest = 100)]
    public Property Trades_read_back_exactly_as_recorded(int seed)
    {
        var rng = new Random(seed);
        var log = new TradeLog();
        string[] tags = ["ma-cross long", "ma-cross short", "stop-loss", "take-profit", "stop-out", "close"];
        var trades = new List<Trade>();
        for (var i = rng.Next(800); i > 0; i--)
        {
            var entry = new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(500_000));
            var t = new Trade
            {
                PositionId = rng.NextInt64(1, long.MaxValue), Symbol = rng.Next(2) == 0 ? "EURUSD" : $"X{rng.Next(50)}",
                Side = rng.Next(2) == 0 ? PositionSide.Long : PositionSide.Short, Quantity = AnyDecimal(rng),
                EntryTime = entry, EntryPrice = AnyDecimal(rng), ExitTime = entry.AddMinutes(rng.Next(10_000)), ExitPrice = AnyDecimal(rng),
                GrossPnl = AnyDecimal(rng), Commission = AnyDecimal(rng), Swap = AnyDecimal(rng), SpreadCost = AnyDecimal(rng),
                SlippageCost = AnyDecimal(rng), MaePips = rng.NextDouble() * 100, MfePips = rng.Next(5) == 0 ? double.NaN : -rng.NextDouble(),
                Mae = AnyDecimal(rng), Mfe = AnyDecimal(rng), EntryOrderId = new OrderId(rng.NextInt64()),
                EntryTag = AnyString(rng, tags), ExitTag = AnyString(rng, tags), ClosedByStopOut = rng.Next(2) == 0,
            };
            trades.Add(t);
            log.Add(t);
        }
        var bad = Enumerable.Range(0, trades.Count).FirstOrDefault(i => !SameTrade(trades[i], log[i]), -1);
        return (log.Count == trades.Count && bad < 0 && log.SequenceEqual(trades)).Label($"first difference at {bad}");
    }

    /// <summary>
    /// A closed position's MAE and MFE are worked out when its trade is read, from the marks, the entry price, the peak
    /// quantity and the exit's rate the account recorded: they must be what working them out at the close gave (the
    /// reference below is that code as it was), bit for bit: longs and shorts, marks on either side of the entry, pairs
    /// quoted in the account currency (rate exactly 1) or converted at any rate, pip sizes of 0.0001 and 0.01, accounts with
    /// cents and with whole yen. Marks or rates that are not finite are worked out at the close, where converting them
    /// throws as it did.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property Trade_excursions_read_back_as_worked_out_at_the_close(int seed)
    {
        var rng = new Random(seed);
        var ledger = new Ledger(rng.Next(3) == 0 ? Currency.JPY : Currency.USD);
        var log = new TradeLog(ledger);
        var expected = new List<(double, double, decimal, decimal)>();
        for (var i = rng.Next(1, 400); i > 0; i--)
        {
            var jpy = rng.Next(3) == 0;
            var pip = jpy ? 0.01 : 0.0001;
            var entry = Math.Round((decimal)(jpy ? 80 + rng.NextDouble() * 80 : 0.6 + rng.NextDouble()), jpy ? 3 : 5);
            var entryD = (double)entry;
            double Mark() => rng.Next(12) == 0 ? double.NaN : rng.Next(12) == 0 ? (rng.Next(2) == 0 ? double.NegativeInfinity : double.PositiveInfinity)
                : entryD + (rng.NextDouble() - 0.5) * pip * rng.Next(1, 3000);
            var (best, worst) = (Mark(), Mark());
            var side = rng.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
            var peak = rng.Next(1, 10_000) * (rng.Next(2) == 0 ? 1000m : 1m);
            var quoted = rng.Next(3) == 0;
            var rate = quoted ? 1.0 : rng.Next(4) == 0 ? 1.0 : rng.Next(20) == 0 ? double.NaN : 0.005 + rng.NextDouble() * 2;
            var symbol = jpy ? "USDJPY" : rng.Next(2) == 0 ? "EURUSD" : "EURGBP";
            Exception? atClose = null, recorded = null;
            (double, double, decimal, decimal) reference = default;
            try { reference = ExcursionsAtClose(side, entry, peak, best, worst, pip, quoted ? 1m : (decimal)rate, ledger); }
            catch (OverflowException e) { atClose = e; }
            var count = log.Count;
            try
            {
                log.Add(i, symbol, side, peak, DateTime.UnixEpoch, entry, DateTime.UnixEpoch, entry, 0m, 0m, 0m, 0m, 0m, best, worst, pip, quoted, rate,
                    new OrderId(i), null, null, false);
            }
            catch (OverflowException e) { recorded = e; }
            if ((atClose is null) != (recorded is null) || (recorded is not null && log.Count != count))
                return false.Label($"trade {i}: at the close {atClose?.GetType().Name ?? "no exception"}, recorded {recorded?.GetType().Name ?? "no exception"}");
            if (atClose is null) expected.Add(reference);
        }
        var bad = Enumerable.Range(0, expected.Count).FirstOrDefault(i =>
        {
            var t = log[i];
            var (maePips, mfePips, mae, mfe) = expected[i];
            return !(Same(t.MaePips, maePips) && Same(t.MfePips, mfePips) && Same(t.Mae, mae) && Same(t.Mfe, mfe));
        }, -1);
        return (bad < 0).Label($"first difference at {bad}");
    }

    /// <summary>What Account.RecordTrade computed when it closed a position (before the values were deferred to the read).</summary>
    private static (double MaePips, double MfePips, decimal Mae, decimal Mfe) ExcursionsAtClose(PositionSide side, decimal entry, decimal peak,
        double bestMark, double worstMark, double pipSize, decimal rate, Ledger ledger)
    {
        double mfe, mae;
        var avg = (double)entry;
        if (side == PositionSide.Long) { mfe = bestMark - avg; mae = avg - worstMark; }
        else { mfe = avg - bestMark; mae = worstMark - avg; }
        mfe = Math.Max(0, mfe);
        mae = Math.Max(0, mae);
        var plainOne = decimal.GetBits(rate).AsSpan().SequenceEqual(new[] { 1, 0, 0, 0 });
        decimal Value(double excursion)
        {
            var value = (decimal)excursion * peak;
            return plainOne ? value : value * rate;
        }
        return (mae / pipSize, mfe / pipSize, ledger.Round(Value(mae)), ledger.Round(Value(mfe)));
    }

    private static bool SameTrade(Trade a, Trade b) =>
        a.PositionId == b.PositionId && a.Symbol == b.Symbol && a.Side == b.Side && Same(a.Quantity, b.Quantity) && a.EntryTime == b.EntryTime
        && Same(a.EntryPrice, b.EntryPrice) && a.ExitTime == b.ExitTime && Same(a.ExitPrice, b.ExitPrice) && Same(a.GrossPnl, b.GrossPnl)
        && Same(a.Commission, b.Commission) && Same(a.Swap, b.Swap) && Same(a.SpreadCost, b.SpreadCost) && Same(a.SlippageCost, b.SlippageCost)
        && Same(a.MaePips, b.MaePips) && Same(a.MfePips, b.MfePips) && Same(a.Mae, b.Mae) && Same(a.Mfe, b.Mfe) && a.EntryOrderId == b.EntryOrderId
        && a.EntryTag == b.EntryTag && a.ExitTag == b.ExitTag && a.ClosedByStopOut == b.ClosedByStopOut;

    /// <summary>Listens to order events on the bus, so the engine builds each event (and keeps its fill object) when it happens.</summary>
    private sealed class Listener : Strategy
    {
        public List<OrderEvent> Seen { get; } = [];
        public override string Name => "listener";
        public override void OnStart() => Context.Bus.Subscribe<OrderEvent>(Seen.Add);
    }

    /// <summary>
    /// Random order sequences (every type, brackets, OCO, modifies, cancels, rejects, partial fills, stop-outs) on four
    /// pairs with a cross and a JPY pair over swap rollovers, once recorded packed and built on read, once with every
    /// event built as it happens: the two histories agree field by field, bit for bit, fills included.
    /// </summary>
    [Property(MaxTest = 12)]
    public Property Order_events_and_fills_built_on_read_equal_the_ones_built_when_emitted(int seed, bool hedging)
    {
        var data = AccountingPropertyTests.Market(seed, bars: 300);
        var settings = new BacktestSettings
        {
            Models = AccountingPropertyTests.Models(stopOut: 100),
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = 3_000m,
        };
        var lazy = new BacktestEngine(settings).Run(data, new RandomTrader(seed, activity: 0.6));
        var listener = new Listener();
        var eager = new BacktestEngine(settings).Run(data, [(new RandomTrader(seed, activity: 0.6), new StrategyParameters()), (listener, new StrategyParameters())]);
        var n = eager.OrderEvents.Count;
        var bad = Enumerable.Range(0, n).FirstOrDefault(i => !SameEvent(listener.Seen[i], lazy.OrderEvents[i]), -1);
        var kinds = lazy.OrderEvents.Select(e => e.Kind).ToHashSet();
        return (lazy.OrderEvents.Count == n && listener.Seen.Count == n && bad < 0)
            .Label($"{n} events, first difference at {bad}: {(bad >= 0 ? listener.Seen[bad] + " vs " + lazy.OrderEvents[bad] : "")}")
            .Classify(kinds.Contains(OrderEventKind.PartiallyFilled), "partial fills")
            .Classify(kinds.Contains(OrderEventKind.Rejected), "rejects")
            .Classify(lazy.OrderEvents.Any(e => e.Fill?.IsLiquidation == true), "stop-outs");
    }

    private static bool SameEvent(OrderEvent a, OrderEvent b) =>
        a.Sequence == b.Sequence && a.Time == b.Time && a.Order.Id == b.Order.Id && a.Kind == b.Kind && a.State == b.State && a.Reason == b.Reason
        && a.RejectReason == b.RejectReason && Same(a.Quantity, b.Quantity) && Same(a.FilledQuantity, b.FilledQuantity)
        && SameNullable(a.LimitPrice, b.LimitPrice) && SameNullable(a.StopPrice, b.StopPrice)
        && (a.Fill is null ? b.Fill is null : b.Fill is not null && SameFill(a.Fill, b.Fill));

    private static bool SameNullable(decimal? a, decimal? b) => a is null ? b is null : b is not null && Same(a.Value, b.Value);

    private static bool SameFill(Fill a, Fill b) =>
        a.OrderId == b.OrderId && ReferenceEquals(a.Instrument, b.Instrument) && a.Side == b.Side && Same(a.Quantity, b.Quantity) && Same(a.Price, b.Price)
        && a.Time == b.Time && Same(a.QuotePrice, b.QuotePrice) && Same(a.Mid, b.Mid) && Same(a.Commission, b.Commission) && Same(a.SpreadCost, b.SpreadCost)
        && Same(a.SlippageCost, b.SlippageCost) && Same(a.Notional, b.Notional) && a.IsLiquidation == b.IsLiquidation && a == b;
}
