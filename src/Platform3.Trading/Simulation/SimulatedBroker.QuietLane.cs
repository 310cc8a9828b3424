using System.Runtime.CompilerServices;
using Platform3.Core.Domain;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Simulation;

public sealed partial class SimulatedBroker
{
    private QuietLane? _lane;

    /// <summary>Steps the quiet lane took (for tests).</summary>
    internal long StepsInQuietLane => _lane?.Steps ?? 0;

    /// <summary>
    /// After <see cref="TryQuietStep"/> took a bar of the single-feed loop: the lane that takes the following quiet bars
    /// of the instrument while nothing the step depends on changes (null when it cannot be used now).
    /// </summary>
    internal QuietLane? ArmQuietLane(Instrument instrument) => ArmQuietLane(instrument, drawBands: false);

    /// <summary>
    /// At the bar after a regular step of the single-feed loop (a fill, say), before its own step: the lane for it and the
    /// following bars, instead of one more bar of the regular path first. The margin bands are drawn now if the account
    /// changed, as that bar's <see cref="TryQuietStep"/> would draw them before its own quote: from the same positions,
    /// balance and quotes (no step ran since; an order placed meanwhile stops the arming, a rollover or balance change ends
    /// the lane before the bar). Bands are only bounds that pick the quiet path, whose result is the regular path's.
    /// </summary>
    internal QuietLane? ArmQuietLaneAfterStep(Instrument instrument)
    {
        if (!_armAtNextBar) return null;
        _armAtNextBar = false;
        return ArmQuietLane(instrument, drawBands: true);
    }

    private bool _armAtNextBar;

    /// <summary>Asks <see cref="ArmQuietLaneAfterStep"/> at the next bar to arm (the single-feed loop, after a regular step).</summary>
    internal void ArmAtNextBar() => _armAtNextBar = true;

    private QuietLane? ArmQuietLane(Instrument instrument, bool drawBands)
    {
        var id = instrument.Id;
        var active = _account.ActiveInstrumentIds;
        if (!EveryStepHasEveryBar || _marginCall || _workingCount != 0 || _dirty || _hasExpiring || _nextRollover == long.MinValue
            || active.Count != 1 || active[0] != id)
            return null;
        if (drawBands && (_bandVersion != _account.Version || _stepOpen >= _bandExpiry) && _quotes.Has(id)) ComputeMarginBands();
        if (_bandVersion != _account.Version || _stepOpen >= _bandExpiry) return null;
        var session = _sessionSpread is not null && ReferenceEquals(_sessionObserverOnly, _sessionSpread) ? _sessionSpread : null;
        var fixedSpread = session is null && _observers.Length == 0 ? _models.Spread as FixedSpreadModel : null;
        if (session is null && fixedSpread is null) return null;
        var lane = _lane ??= new QuietLane(this);
        lane.Arm(instrument, session, fixedSpread);
        return lane;
    }

    /// <summary>The path's ask close and extremes, as <see cref="BuildPath"/> sets them (the spread is used only for a bar without ask prices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void QuietExtremes(in Bar bar, double spread, out double askClose, out double bidLow, out double bidHigh, out double askLow, out double askHigh)
    {
        double a0, a1, a2, a3;
        var b0 = bar.Open;
        var b3 = bar.Close;
        if (spread > 0 && b0 > 0 && bar.High > 0 && bar.Low > 0 && b3 > 0)
        {
            // One positive spread added to four positive bids: rounding keeps their order, so the ask extremes are the bid
            // extremes plus the spread, bit for bit what PathExtremes gives over the four ask points.
            bidLow = double.MinNative(double.MinNative(b0, bar.High), double.MinNative(bar.Low, b3));
            bidHigh = double.MaxNative(double.MaxNative(b0, bar.High), double.MaxNative(bar.Low, b3));
            askLow = bidLow + spread;
            askHigh = bidHigh + spread;
            askClose = b3 + spread;
            return;
        }
        if (bar.HasAsk)
        {
            a0 = Math.Max(bar.AskOpen, b0);
            a1 = Math.Max(bar.AskHigh, bar.High);
            a2 = Math.Max(bar.AskLow, bar.Low);
            a3 = Math.Max(bar.AskClose, b3);
        }
        else
        {
            a0 = b0 + spread; a1 = bar.High + spread; a2 = bar.Low + spread; a3 = b3 + spread;
        }
        PathExtremes.Of(b0, bar.High, bar.Low, b3, a0, a1, a2, a3, out bidLow, out bidHigh, out askLow, out askHigh);
        askClose = a3;
    }

    /// <summary>
    /// A run of quiet bars of one instrument in the single-feed loop, each doing exactly what <see cref="BeginStep"/> and a
    /// successful <see cref="TryQuietStep"/> do for it, with what they would look up again every bar taken once when the
    /// lane is armed: the margin bands, the positions, the spread model's parameters, the valuation aggregates. It holds
    /// while the account keeps its version (no fill, swap or balance change), no order is working, no margin call is on
    /// and the open is before the next rollover and the bands' expiry; a bar beyond the bands leaves it unchanged for the
    /// regular path. The step's result for a bar is the same to the bit (tested against the regular path).
    /// </summary>
    internal sealed class QuietLane(SimulatedBroker broker)
    {
        private readonly SimulatedBroker _broker = broker;
        // The broker's account and quote book, one load away instead of two on the per-bar path.
        private readonly Account _account = broker._account;
        private readonly Kernel.QuoteBook _quotes = broker._quotes;
        private int _id;
        private long _until, _version;
        private double _bandLow, _bandHigh;
        // The one position (netting) whose marks the lane keeps (the lowest and highest since it was armed, handed to
        // the position when the lane is left), else null and the account marks the instrument's positions every bar.
        private Position? _only;
        private bool _long;
        private double _markLow, _markHigh;
        // The spread: a fixed one, or the session model's base, range share and range averages.
        private SessionVolatilitySpreadModel? _session;
        private double _baseSpread, _rangeShare, _alpha, _ema, _tick;
        private double[] _emas = [];
        private TickRounding _round;
        // Valuation: the account's aggregates for the instrument, its balance, and the quote the lane last set.
        private double _longUnits, _longCost, _shortUnits, _shortCost, _balance, _bid, _ask;
        private bool _quotedInAccount;

        internal long Steps { get; private set; }

        internal void Arm(Instrument instrument, SessionVolatilitySpreadModel? session, FixedSpreadModel? fixedSpread)
        {
            var b = _broker;
            var account = _account;
            var id = _id = instrument.Id;
            _version = account.Version;
            _until = Math.Min(b._nextRollover, b._bandExpiry);
            _bandLow = b._bandLow[id];
            _bandHigh = b._bandHigh[id];
            var positions = account.PositionsUnexposed(id); // kept only while the account's version is unchanged
            // Marks can be gathered while the position has some: a first mark (NaN before it) would set both ends.
            _only = positions.Count == 1 && !double.IsNaN(positions[0].BestMark) ? positions[0] : null;
            _long = _only is { Side: PositionSide.Long };
            _markLow = double.PositiveInfinity;
            _markHigh = double.NegativeInfinity;
            _session = session;
            _tick = instrument.TickSizeD;
            if (session is not null)
            {
                _baseSpread = session.Base.SpreadOf(instrument);
                _rangeShare = session.RangeShare;
                _alpha = session.Alpha;
                _emas = session.RangeEmas(id);
                _ema = _emas[id];
            }
            else _baseSpread = fixedSpread!.SpreadOf(instrument);
            (_longUnits, _longCost, _shortUnits, _shortCost, _quotedInAccount) = account.Aggregates(id);
            _balance = account.BalanceD;
            _bid = _quotes.Bid(id);
            _ask = _quotes.Ask(id);
        }

        /// <summary>Takes the bar (opening at <paramref name="open"/>, closing at <paramref name="close"/>) when it is quiet; false, having changed nothing, when the lane no longer holds or the bar needs the regular path.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool Step(in Bar bar, long open, long close)
        {
            var b = _broker;
            if (open >= _until || _account.Version != _version || b._workingCount != 0 || b._marginCall || b._dirty || close <= open) return false;
            var spread = bar.HasAsk ? double.NaN : !double.IsNaN(bar.Spread) ? bar.Spread : ModelSpread(open);
            QuietExtremes(in bar, spread, out var ask, out var bidLow, out var bidHigh, out var askLow, out var askHigh);
            if (bidLow <= _bandLow || askHigh >= _bandHigh) return false;
            b._stepOpen = open;
            if (_only is not null)
            {
                // Longs are marked at the bid, shorts at the ask (Account.TrackExcursion).
                var low = _long ? bidLow : askLow;
                var high = _long ? bidHigh : askHigh;
                if (low < _markLow) _markLow = low;
                if (high > _markHigh) _markHigh = high;
            }
            else _account.TrackExcursion(_id, bidLow, askLow, bidHigh, askHigh);
            _quotes.Set(_id, bar.Close, ask, close);
            _bid = bar.Close;
            _ask = ask;
            // The model's own average is brought up to date when the lane is left (only the broker's regular path reads it).
            if (_session is not null) _ema = SessionVolatilitySpreadModel.NextRangeEma(_ema, bar.High - bar.Low, _alpha);
            Steps++;
            return true;
        }

        /// <summary>
        /// Hands what the lane kept to its owners before anything else runs in the broker: the position's marks (its best
        /// and worst are the maximum and minimum of all its marks, whatever their order, so the lowest and highest mark
        /// since arming give them exactly) and the spread model's range average.
        /// </summary>
        internal void Leave()
        {
            if (_only is { } p)
            {
                if (_markLow != double.PositiveInfinity) p.TrackMark(_markLow);
                if (_markHigh != double.NegativeInfinity) p.TrackMark(_markHigh);
                _markLow = double.PositiveInfinity;
                _markHigh = double.NegativeInfinity;
            }
            if (_session is not null) _emas[_id] = _ema;
        }

        /// <summary>The model's spread for a bid-only bar of the instrument opening at <paramref name="open"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private double ModelSpread(long open) => _session is { } session
            ? _round.Of(SessionVolatilitySpreadModel.Widened(_baseSpread, session.SessionFactor(open), _rangeShare, _ema), _tick)
            : _baseSpread;

        /// <summary><see cref="Account.EquityD"/> at the latest quote, from the aggregates while the account is unchanged.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal double Equity()
        {
            var account = _account;
            if (account.Version != _version || !_quotedInAccount) return account.EquityD();
            var q = Account.InQuote(_longUnits, _longCost, _shortUnits, _shortCost, _bid, _ask);
            // UnrealisedD's sum over the one instrument held is 0 + (q == 0 ? 0 : q), which is that term itself (never −0).
            return _balance + (q == 0 ? 0 : q);
        }
    }
}
