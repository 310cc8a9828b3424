using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.Portfolio;

/// <summary>What a fill did to the positions. A closed position's trade is the last one in <see cref="Account.Trades"/>.</summary>
public readonly record struct FillOutcome(Position? Closed, Position? Opened, Position? Changed, decimal Realised);

/// <summary>
/// The trading account: positions, the ledger, valuation and margin. Fills and swaps change it; everything money-related is booked in the
/// <see cref="Accounting.Ledger"/> in exact decimals. Valuation (equity, margin) has an exact decimal form
/// for reports and checks, and a double form for the per-bar hot path (marking, margin level, stop-out).
/// </summary>
public sealed class Account
{
    private readonly List<Position> _open = [];
    private readonly ExposingPositionList _openView;
    // What the public accessors hand out per instrument: the lists themselves, wrapped so that every position read is marked exposed.
    private ExposingPositionList?[] _byInstrumentView;
    // A closed position nobody outside the account ever saw, made into the next opened one instead of a new object.
    private Position? _spare;
    private readonly TradeLog _trades;
    private readonly IMarginModel _margin;
    private List<Position>[] _byInstrument;
    // Per-instrument aggregates (double) so marking needs no decimal work and no walk over tickets.
    private double[] _longUnits, _longCost, _shortUnits, _shortCost;
    private double[] _leverage;
    private bool[] _quotedInAccount;
    private decimal[] _net;
    private Instrument?[] _instruments;
    private readonly List<int> _activeInstruments = [];
    private long _nextPositionId = 1;
    // A flip divides the same sizes fill after fill (the closed and the opened share of the fill).
    private readonly DivisionMemo _shares = new();
    private double _balanceD;

    public Account(Ledger ledger, PositionMode mode, QuoteBook quotes, CurrencyConverter converter, IMarginModel margin, int instrumentCount)
    {
        Ledger = ledger;
        _trades = new TradeLog(ledger);
        Mode = mode;
        Quotes = quotes;
        Converter = converter;
        _margin = margin;
        var n = Math.Max(instrumentCount, 1);
        _byInstrument = new List<Position>[n];
        _byInstrumentView = new ExposingPositionList?[n];
        _openView = new ExposingPositionList(_open);
        _longUnits = new double[n]; _longCost = new double[n]; _shortUnits = new double[n]; _shortCost = new double[n];
        _leverage = new double[n];
        _quotedInAccount = new bool[n];
        _net = new decimal[n];
        _instruments = new Instrument?[n];
    }

    public Ledger Ledger { get; }

    /// <summary>Changes whenever the balance or a position changes (so cached valuations know they are stale).</summary>
    public long Version { get; private set; }

    private void SyncBalance()
    {
        _balanceD = (double)Ledger.Balance;
        Version++;
    }
    public Currency AccountCurrency => Ledger.Currency;
    public PositionMode Mode { get; }
    public QuoteBook Quotes { get; }
    public CurrencyConverter Converter { get; }
    public IMarginModel MarginModel => _margin;
    public IReadOnlyList<Position> OpenPositions => _openView;

    /// <summary>Open positions (all instruments), without handing any out.</summary>
    internal int OpenCount => _open.Count;
    public IReadOnlyList<Trade> Trades => _trades;
    public decimal Balance => Ledger.Balance;
    public double BalanceD => _balanceD;

    /// <summary>Open positions on one instrument (one at most when netting).</summary>
    public IReadOnlyList<Position> PositionsOf(Instrument instrument) => PositionsOf(instrument.Id);

    public IReadOnlyList<Position> PositionsOf(int instrumentId) =>
        instrumentId < _byInstrumentView.Length && _byInstrumentView[instrumentId] is { } l ? l : [];

    /// <summary>
    /// <see cref="PositionsOf(int)"/> for the engine's own use, without marking the positions as handed out: the caller may
    /// keep one only while <see cref="Version"/> stays the same (a recycled position was closed first, which changes it).
    /// </summary>
    internal IReadOnlyList<Position> PositionsUnexposed(int instrumentId) =>
        instrumentId < _byInstrument.Length && _byInstrument[instrumentId] is { } l ? l : [];

    /// <summary>The instrument of a held instrument id (one of <see cref="ActiveInstrumentIds"/>).</summary>
    internal Instrument HeldInstrument(int instrumentId) => _instruments[instrumentId]!;

    public bool HasPositions(int instrumentId) =>
        instrumentId < _byInstrument.Length && _byInstrument[instrumentId] is { Count: > 0 };

    /// <summary>Signed net units on the instrument (long minus short).</summary>
    public decimal NetQuantity(Instrument instrument) => instrument.Id < _net.Length ? _net[instrument.Id] : 0;

    /// <summary>The netting position on the instrument, if any.</summary>
    public Position? NetPosition(Instrument instrument) => Expose(NetPositionUnexposed(instrument));

    /// <summary><see cref="NetPosition"/> for the engine's own momentary use: the position is not marked as handed out.</summary>
    internal Position? NetPositionUnexposed(Instrument instrument) =>
        instrument.Id < _byInstrument.Length && _byInstrument[instrument.Id] is { Count: > 0 } l ? l[0] : null;

    public Position? FindOpen(long positionId) => Expose(FindOpenUnexposed(positionId));

    /// <summary><see cref="FindOpen"/> for the engine's own momentary use: the position is not marked as handed out.</summary>
    internal Position? FindOpenUnexposed(long positionId)
    {
        foreach (var p in _open)
            if (p.Id == positionId) return p;
        return null;
    }

    /// <summary>Marks a position as handed out (someone may keep it), so it is never recycled.</summary>
    internal static Position? Expose(Position? p)
    {
        if (p is not null) p.Exposed = true;
        return p;
    }

    /// <summary>Positions opened by reusing a closed one (for tests).</summary>
    internal int PositionsRecycled { get; private set; }

    /// <summary>
    /// Called by the engine once it is done with a fill (events published, clean-ups run): a position the fill closed that no
    /// accessor or event ever handed out is referenced by nobody now, so the next opened position reuses it.
    /// </summary>
    internal void Recycle(Position? closed)
    {
        if (closed is { Exposed: false, IsOpen: false }) _spare = closed;
    }

    public LedgerEntry Deposit(DateTime time, decimal amount, string? note = null)
    {
        var e = Ledger.Post(time, LedgerEntryKind.Deposit, amount, AccountCurrency, amount, 1m, note: note ?? "deposit");
        SyncBalance();
        return e;
    }

    public LedgerEntry Withdraw(DateTime time, decimal amount, string? note = null)
    {
        var e = Ledger.Post(time, LedgerEntryKind.Withdrawal, -amount, AccountCurrency, -amount, 1m, note: note ?? "withdrawal");
        SyncBalance();
        return e;
    }

    // ---------------------------------------------------------------- fills

    /// <summary>Applies a fill: opens, adds to, reduces, closes or flips positions and books P&amp;L and commission.</summary>
    public FillOutcome ApplyFill(Order order, Fill fill)
    {
        var data = fill.Data;
        var outcome = ApplyFill(order, data);
        Expose(outcome.Closed);
        Expose(outcome.Opened);
        Expose(outcome.Changed);
        return outcome;
    }

    internal FillOutcome ApplyFill(Order order, in FillData fill)
    {
        var instrument = fill.Instrument;
        var side = fill.Side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;
        Position? target = null;
        if (Mode == PositionMode.Netting)
            target = NetPositionUnexposed(instrument);
        else if (order.PositionId is { } pid)
            target = FindOpenUnexposed(pid);

        var remaining = fill.Quantity;
        Position? closed = null, opened = null, changed = null;
        decimal realised = 0;
        // The commission is booked once; a flip splits it between the closed and the new position so that
        // the trades' commissions add up to the ledger's exactly.
        var commission = Ledger.Round(fill.Commission);
        var commissionLeft = commission;

        // The fill price as a double, converted once for the marks and the double aggregates of both legs (the same conversion each time).
        var priceD = (double)fill.Price;
        // The balance's double mirror is synced once, after the realised P&L and the commission are both booked (nothing reads it between).
        var booked = false;
        if (target is not null && target.Side != side)
        {
            // Reduce (and possibly close) the opposite position.
            var closeUnits = Math.Min(remaining, target.Quantity);
            var share = closeUnits == fill.Quantity ? 1m : _shares.Divide(closeUnits, fill.Quantity);
            var closeCommission = closeUnits == remaining ? commission : Ledger.Round(commission * share);
            commissionLeft -= closeCommission;
            realised = Reduce(target, closeUnits, fill, priceD, share, closeCommission, order.Tag);
            booked = true;
            remaining -= closeUnits;
            if (!target.IsOpen) closed = target; else changed = target;
            if (remaining > 0 && (Mode == PositionMode.Hedging && order.PositionId is not null))
            {
                SyncBalance(); // the realised P&L stays booked, as before the throw
                throw new InvalidOperationException($"{order.Id}: fill of {fill.Quantity} exceeds position P{target.Id} ({closeUnits}); the broker must cap closing fills.");
            }
            target = null;
        }
        if (remaining > 0)
        {
            var share = remaining == fill.Quantity ? 1m : _shares.Divide(remaining, fill.Quantity);
            if (target is not null && target.Side == side)
            {
                Add(target, remaining, fill, priceD, share, commissionLeft);
                changed = target;
            }
            else
            {
                var p = NewPosition(_nextPositionId++, instrument, side, fill.Time, order.Id, order.Tag);
                Register(p);
                Add(p, remaining, fill, priceD, share, commissionLeft);
                opened = p;
                if (Mode == PositionMode.Hedging) order.PositionId ??= p.Id;
            }
        }
        if (commission != 0)
        {
            Ledger.Book(fill.Time, LedgerEntryKind.Commission, -commission, AccountCurrency, -commission, 1m,
                (opened ?? changed ?? closed)!.Id, order.Id, instrument.Symbol, "commission");
            booked = true;
        }
        if (booked) SyncBalance();
        return new FillOutcome(closed, opened, changed, realised);
    }

    private void Add(Position p, decimal units, in FillData fill, double priceD, decimal share, decimal commission)
    {
        Version++;
        var opening = p.Quantity == 0;
        var newQty = ExactDecimal.PlusPlainZero(p.Quantity, units);
        p.AvgPrice = opening ? fill.Price : (p.AvgPrice * p.Quantity + fill.Price * units) / newQty;
        p.Quantity = newQty;
        if (newQty > p.PeakQuantity) p.PeakQuantity = newQty;
        p.Entry.Add(units, fill.Price);
        p.Commission = ExactDecimal.PlusPlainZero(p.Commission, commission);
        AddCostShares(p, fill, share);
        // Each conversion to double once: an opening fill's average is its price and its quantity its units, bit for bit.
        var d = (double)units;
        p.AvgD = opening ? priceD : (double)p.AvgPrice;
        p.QuantityD = ExactDecimal.SameBits(newQty, units) ? d : (double)newQty;
        _net[p.Instrument.Id] = ExactDecimal.AddSigned(_net[p.Instrument.Id], units, p.Sign);
        var v = d * priceD;
        if (p.Side == PositionSide.Long) { _longUnits[p.Instrument.Id] += d; _longCost[p.Instrument.Id] += v; }
        else { _shortUnits[p.Instrument.Id] += d; _shortCost[p.Instrument.Id] += v; }
        p.TrackMark(priceD);
    }

    /// <summary>
    /// The position's share of the fill's spread and slippage costs. A whole fill's share is the literal 1 (scale 0),
    /// and x × 1 has x's own bits, so the two multiplications are skipped then.
    /// </summary>
    private static void AddCostShares(Position p, in FillData fill, decimal share)
    {
        if (IsWholeShare(share))
        {
            p.SpreadCost = ExactDecimal.PlusPlainZero(p.SpreadCost, fill.SpreadCost);
            p.SlippageCost = ExactDecimal.PlusPlainZero(p.SlippageCost, fill.SlippageCost);
        }
        else
        {
            p.SpreadCost = ExactDecimal.PlusPlainZero(p.SpreadCost, fill.SpreadCost * share);
            p.SlippageCost = ExactDecimal.PlusPlainZero(p.SlippageCost, fill.SlippageCost * share);
        }
    }

    /// <summary>(decimal)excursion × units × rate; a rate of plain 1 (a pair quoted in the account currency) leaves the product's bits as they are.</summary>
    internal static decimal ExcursionValue(double excursion, decimal units, decimal rate)
    {
        var value = (decimal)excursion * units;
        return IsPlainOne(rate) ? value : value * rate;
    }

    private static bool IsWholeShare(decimal share) => IsPlainOne(share);

    /// <summary>Exactly 1 with scale 0: multiplying by it keeps every bit of the other factor.</summary>
    private static bool IsPlainOne(decimal share)
    {
        Span<int> b = stackalloc int[4];
        decimal.GetBits(share, b);
        return b[0] == 1 && b[1] == 0 && b[2] == 0 && b[3] == 0;
    }

    /// <summary>Reduces (or closes) a position by part of a fill; the caller syncs the balance's double mirror after the fill's bookings.</summary>
    private decimal Reduce(Position p, decimal units, in FillData fill, double priceD, decimal share, decimal commission, string? tag)
    {
        var quotePnl = ExactDecimal.TimesSign(units * (fill.Price - p.AvgPrice), p.Sign);
        var converted = Converter.Convert(quotePnl, p.Instrument.Quote);
        var rate = p.Instrument.Quote == AccountCurrency ? 1m : quotePnl == 0 ? Converter.RateDecimal(p.Instrument.Quote) : converted / quotePnl;
        var booked = Ledger.Book(fill.Time, LedgerEntryKind.RealisedPnl, converted, p.Instrument.Quote, quotePnl,
            rate, p.Id, fill.OrderId, p.Instrument.Symbol,
            fill.IsLiquidation ? "stop-out" : null);
        p.RealisedPnl = ExactDecimal.PlusPlainZero(p.RealisedPnl, booked);
        p.Commission = ExactDecimal.PlusPlainZero(p.Commission, commission);
        AddCostShares(p, fill, share);
        p.Exit.Add(units, fill.Price);
        var d = (double)units;
        var id = p.Instrument.Id;
        if (p.Side == PositionSide.Long) { _longUnits[id] -= d; _longCost[id] -= d * p.AvgD; }
        else { _shortUnits[id] -= d; _shortCost[id] -= d * p.AvgD; }
        p.Quantity -= units;
        p.QuantityD = (double)p.Quantity;
        _net[id] = ExactDecimal.AddSigned(_net[id], units, -p.Sign);
        p.TrackMark(priceD);
        if (fill.IsLiquidation) p.ClosedByStopOut = true;
        if (!p.IsOpen)
        {
            p.ClosedAt = fill.Time;
            p.ExitTag = fill.IsLiquidation ? "stop-out" : tag;
            Unregister(p);
            RecordTrade(p);
        }
        return booked;
    }

    private Position NewPosition(long id, Instrument instrument, PositionSide side, DateTime openedAt, OrderId openingOrder, string? tag)
    {
        if (_spare is not { } p) return new Position(id, instrument, side, openedAt, openingOrder, tag);
        _spare = null;
        PositionsRecycled++;
        p.Reopen(id, instrument, side, openedAt, openingOrder, tag);
        return p;
    }

    private void Register(Position p)
    {
        var id = p.Instrument.Id;
        if (id >= _byInstrument.Length) GrowTo(id + 1);
        var list = _byInstrument[id];
        if (list is null)
        {
            _byInstrument[id] = list = [];
            _byInstrumentView[id] = new ExposingPositionList(list);
        }
        if (list.Count == 0 && !_activeInstruments.Contains(id)) _activeInstruments.Add(id);
        list.Add(p);
        _open.Add(p);
        if (_instruments[id] is null)
        {
            _leverage[id] = (double)_margin.Leverage(p.Instrument);
            _quotedInAccount[id] = p.Instrument.Quote == AccountCurrency;
            _instruments[id] = p.Instrument;
        }
    }

    private void Unregister(Position p)
    {
        var id = p.Instrument.Id;
        _byInstrument[id].Remove(p);
        _open.Remove(p);
        if (_byInstrument[id].Count == 0)
        {
            _activeInstruments.Remove(id);
            // Clear float residue so an empty book values at exactly zero.
            _longUnits[id] = _longCost[id] = _shortUnits[id] = _shortCost[id] = 0;
        }
    }

    private void GrowTo(int n)
    {
        Array.Resize(ref _byInstrument, n);
        Array.Resize(ref _byInstrumentView, n);
        Array.Resize(ref _longUnits, n); Array.Resize(ref _longCost, n);
        Array.Resize(ref _shortUnits, n); Array.Resize(ref _shortCost, n);
        Array.Resize(ref _leverage, n);
        Array.Resize(ref _quotedInAccount, n);
        Array.Resize(ref _net, n);
        Array.Resize(ref _instruments, n);
    }

    private void RecordTrade(Position p)
    {
        // MAE and MFE are worked out from the marks when the trade is read (TradeLog.Excursions); the rate is the exit's.
        var quotedInAccount = _quotedInAccount[p.Instrument.Id];
        var rate = quotedInAccount ? 1.0 : Converter.QuoteRate(p.Instrument);
        _trades.Add(p.Id, p.Instrument.Symbol, p.Side, p.PeakQuantity, p.OpenedAt, p.EntryPriceForTrade, p.ClosedAt ?? p.OpenedAt, p.ExitPriceForTrade,
            p.RealisedPnl, p.Commission, p.Swap, Ledger.Round(p.SpreadCost), Ledger.Round(p.SlippageCost),
            p.BestMark, p.WorstMark, p.Instrument.PipSizeD, quotedInAccount, rate, p.OpeningOrderId, p.EntryTag, p.ExitTag, p.ClosedByStopOut);
    }

    // ---------------------------------------------------------------- swaps

    /// <summary>Books a swap (signed cash effect in the quote currency) on an open position.</summary>
    public LedgerEntry ApplySwap(Position position, decimal amountInQuote, DateTime time, int days)
    {
        var converted = Converter.Convert(amountInQuote, position.Instrument.Quote);
        var entry = Ledger.Post(time, LedgerEntryKind.Swap, converted, position.Instrument.Quote, amountInQuote,
            amountInQuote == 0 ? 1m : converted / amountInQuote, position.Id, null, position.Instrument.Symbol,
            days == 1 ? "rollover" : $"rollover x{days}");
        SyncBalance();
        position.Swap -= entry.Amount;
        return entry;
    }

    // ---------------------------------------------------------------- valuation (hot path, double)

    /// <summary>Records a bar's extremes as marks for MAE/MFE of the instrument's positions (longs at the bid, shorts at the ask).</summary>
    public void TrackExcursion(int instrumentId, double bidLow, double askLow, double bidHigh, double askHigh)
    {
        if (instrumentId >= _byInstrument.Length || _byInstrument[instrumentId] is not { Count: > 0 } list) return;
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            if (p.Side == PositionSide.Long) { p.TrackMark(bidLow); p.TrackMark(bidHigh); }
            else { p.TrackMark(askLow); p.TrackMark(askHigh); }
        }
    }

    /// <summary>Records the marks for MAE/MFE of the instrument's positions.</summary>
    public void TrackExcursion(int instrumentId, double bid, double ask)
    {
        if (instrumentId >= _byInstrument.Length || _byInstrument[instrumentId] is not { Count: > 0 } list) return;
        foreach (var p in list) p.TrackMark(p.Side == PositionSide.Long ? bid : ask);
    }

    /// <summary>Units held long and short on the instrument (double, for the simulator's margin bands).</summary>
    public (double Long, double Short) UnitsD(int instrumentId) =>
        instrumentId < _longUnits.Length ? (_longUnits[instrumentId], _shortUnits[instrumentId]) : (0, 0);

    /// <summary>Unrealised P&amp;L of one instrument in the account currency at the given bid/ask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double UnrealisedD(int instrumentId, double bid, double ask)
    {
        var q = InQuote(_longUnits[instrumentId], _longCost[instrumentId], _shortUnits[instrumentId], _shortCost[instrumentId], bid, ask);
        // Quoted in the account currency: the rate is exactly 1 (the product would be q itself).
        return q == 0 ? 0 : _quotedInAccount[instrumentId] ? q : q * Converter.QuoteRate(_instruments[instrumentId]!);
    }

    /// <summary>Unrealised P&amp;L in the quote currency of long and short units bought and sold for the given costs, at the bid and ask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double InQuote(double longUnits, double longCost, double shortUnits, double shortCost, double bid, double ask) =>
        (longUnits * bid - longCost) + (shortCost - shortUnits * ask);

    /// <summary>
    /// The aggregates <see cref="UnrealisedD(int, double, double)"/> values one instrument's positions from, for a caller that
    /// values them at many quotes while <see cref="Version"/> stays the same (they change only with it).
    /// </summary>
    internal (double LongUnits, double LongCost, double ShortUnits, double ShortCost, bool QuotedInAccount) Aggregates(int instrumentId) =>
        (_longUnits[instrumentId], _longCost[instrumentId], _shortUnits[instrumentId], _shortCost[instrumentId], _quotedInAccount[instrumentId]);

    /// <summary>Unrealised P&amp;L of one position in the account currency at the latest quotes (double).</summary>
    public double UnrealisedD(Position p)
    {
        var id = p.Instrument.Id;
        var mark = p.Side == PositionSide.Long ? Quotes.Bid(id) : Quotes.Ask(id);
        return p.QuantityD * (mark - p.AvgD) * p.Sign * Converter.QuoteRate(p.Instrument);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double UnrealisedD()
    {
        double sum = 0;
        var ids = CollectionsMarshal.AsSpan(_activeInstruments);
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            sum += UnrealisedD(id, Quotes.Bid(id), Quotes.Ask(id));
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double EquityD() => _balanceD + UnrealisedD();

    public double MarginUsedD()
    {
        double sum = 0;
        var ids = CollectionsMarshal.AsSpan(_activeInstruments);
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            sum += (_longUnits[id] + _shortUnits[id]) * Converter.BaseRate(_instruments[id]!) / _leverage[id];
        }
        return sum;
    }

    /// <summary>Margin level in percent (equity / used margin × 100); +∞ with no positions. One pass over the instruments held.</summary>
    public double MarginLevelD()
    {
        double unrealised = 0, used = 0;
        var ids = CollectionsMarshal.AsSpan(_activeInstruments);
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            var instrument = _instruments[id]!;
            var bid = Quotes.Bid(id);
            var ask = Quotes.Ask(id);
            var q = (_longUnits[id] * bid - _longCost[id]) + (_shortCost[id] - _shortUnits[id] * ask);
            if (q != 0) unrealised += q * Converter.QuoteRate(instrument);
            used += (_longUnits[id] + _shortUnits[id]) * Converter.BaseRate(instrument) / _leverage[id];
        }
        return used <= 0 ? double.PositiveInfinity : (_balanceD + unrealised) / used * 100.0;
    }

    /// <summary>
    /// The lowest and highest value <see cref="MarginLevelD"/> can take while every price stays in its range (NaN when
    /// no bound can be given: no margin in use, or a price that is not positive). The bounds are those of the very
    /// floating-point computation MarginLevelD does, not just of its real-number value: each term is that computation
    /// at the adverse (or favourable) ends of the ranges, summed in the same order, and every operation involved is
    /// monotone in each operand, as its rounding is.
    /// </summary>
    internal (double Low, double High) MarginLevelRange(QuoteRanges ranges)
    {
        double unrealisedLow = 0, unrealisedHigh = 0, usedLow = 0, usedHigh = 0;
        var ids = CollectionsMarshal.AsSpan(_activeInstruments);
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            var instrument = _instruments[id]!;
            // Units are never negative beyond float residue; a negative residue only swaps which end is adverse.
            var lu = _longUnits[id];
            var su = _shortUnits[id];
            var longLow = Math.Min(lu * ranges.BidLow(id), lu * ranges.BidHigh(id));
            var longHigh = Math.Max(lu * ranges.BidLow(id), lu * ranges.BidHigh(id));
            var shortLow = Math.Min(su * ranges.AskLow(id), su * ranges.AskHigh(id));
            var shortHigh = Math.Max(su * ranges.AskLow(id), su * ranges.AskHigh(id));
            var qLow = (longLow - _longCost[id]) + (_shortCost[id] - shortHigh);
            var qHigh = (longHigh - _longCost[id]) + (_shortCost[id] - shortLow);
            Converter.QuoteRateRange(instrument, ranges, out var rateLow, out var rateHigh);
            // q × rate with rate > 0: the low end takes the low rate for q ≥ 0 and the high rate for q < 0; skipping q = 0 adds nothing.
            unrealisedLow += qLow >= 0 ? qLow * rateLow : qLow * rateHigh;
            unrealisedHigh += qHigh >= 0 ? qHigh * rateHigh : qHigh * rateLow;
            Converter.BaseRateRange(instrument, ranges, out var baseLow, out var baseHigh);
            var units = _longUnits[id] + _shortUnits[id];
            usedLow += Math.Min(units * baseLow / _leverage[id], units * baseHigh / _leverage[id]);
            usedHigh += Math.Max(units * baseLow / _leverage[id], units * baseHigh / _leverage[id]);
        }
        if (!(usedLow > 0)) return (double.NaN, double.NaN);
        var equityLow = _balanceD + unrealisedLow;
        var equityHigh = _balanceD + unrealisedHigh;
        return (equityLow >= 0 ? equityLow / usedHigh * 100.0 : equityLow / usedLow * 100.0,
            equityHigh >= 0 ? equityHigh / usedLow * 100.0 : equityHigh / usedHigh * 100.0);
    }

    public double FreeMarginD() => EquityD() - MarginUsedD();

    /// <summary>Margin an order for <paramref name="units"/> of new exposure would need, in the account currency.</summary>
    public double MarginFor(Instrument instrument, decimal units) =>
        (double)units * Converter.BaseRate(instrument) / LeverageD(instrument);

    /// <summary>
    /// (double)<see cref="IMarginModel.Leverage"/> of the instrument: the value Register keeps for a pair the account has held
    /// (a model's leverage per pair is fixed, as the margin used assumes), without the model's lookup by symbol and the
    /// decimal conversion on every order; a pair never held asks the model.
    /// </summary>
    private double LeverageD(Instrument instrument)
    {
        var id = instrument.Id;
        return (uint)id < (uint)_instruments.Length && ReferenceEquals(_instruments[id], instrument) ? _leverage[id] : (double)_margin.Leverage(instrument);
    }

    public IReadOnlyList<int> ActiveInstrumentIds => _activeInstruments;

    // ---------------------------------------------------------------- valuation (exact)

    /// <summary>A long is marked at the bid, a short at the ask.</summary>
    public decimal MarkOf(Position p) =>
        (decimal)(p.Side == PositionSide.Long ? Quotes.Bid(p.Instrument.Id) : Quotes.Ask(p.Instrument.Id));

    /// <summary>Exact unrealised P&amp;L of one position in the account currency (not rounded).</summary>
    public decimal Unrealised(Position p) => Converter.Convert(p.UnrealisedInQuote(MarkOf(p)), p.Instrument.Quote);

    /// <summary>Exact unrealised P&amp;L over all open positions (not rounded).</summary>
    public decimal Unrealised()
    {
        decimal sum = 0;
        foreach (var p in _open) sum += Unrealised(p);
        return sum;
    }

    /// <summary>Equity = balance + unrealised P&amp;L, exact.</summary>
    public decimal Equity() => Ledger.Balance + Unrealised();

    /// <summary>Exact used margin: Σ units × base→account rate / leverage.</summary>
    public decimal MarginUsed()
    {
        decimal sum = 0;
        foreach (var p in _open) sum += Converter.Convert(p.Quantity, p.Instrument.Base) / _margin.Leverage(p.Instrument);
        return sum;
    }

    public AccountSnapshot Snapshot(DateTime time)
    {
        var unrealised = Unrealised();
        var used = MarginUsed();
        var equity = Ledger.Balance + unrealised;
        return new AccountSnapshot(time, AccountCurrency, Ledger.Balance, unrealised, equity, used, equity - used,
            used == 0 ? null : equity / used * 100m, _open.Count);
    }
}

/// <summary>
/// A read-only view of one of the account's position lists that marks every position it hands out as exposed (see
/// <see cref="Position.Exposed"/>): whoever reads a position through it may keep it.
/// </summary>
internal sealed class ExposingPositionList(List<Position> items) : IReadOnlyList<Position>
{
    public Position this[int index]
    {
        get
        {
            var p = items[index];
            p.Exposed = true;
            return p;
        }
    }

    public int Count => items.Count;

    public IEnumerator<Position> GetEnumerator()
    {
        foreach (var p in items)
        {
            p.Exposed = true;
            yield return p;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The account at one moment, exact.</summary>
public sealed record AccountSnapshot(DateTime Time, Currency Currency, decimal Balance, decimal Unrealised, decimal Equity,
    decimal MarginUsed, decimal FreeMargin, decimal? MarginLevelPercent, int OpenPositions);
