using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis.ChartPatterns;

/// <summary>
/// Finds chart patterns causally. Each newly confirmed zigzag pivot may complete the shape of a pattern (a setup);
/// a setup becomes a detection only on the bar whose close breaks its neckline or boundary, and that bar's close time
/// is the confirmation time. Setups die when price invalidates them or when they expire. Feeding bars one by one and
/// scanning a series in one go give the same detections, and a detection at bar t is found again on data cut at t.
/// </summary>
public sealed class ChartPatternScanner
{
    private readonly ChartPatternSettings _settings;
    private readonly Timeframe _timeframe;
    private readonly FxCalendar _calendar;
    private readonly List<Setup> _pending = [];
    private readonly List<ChartPatternDetection> _detections = [];
    private int _index = -1;

    public ChartPatternScanner(ZigZagSettings zigzag, Timeframe timeframe, ChartPatternSettings? settings = null, FxCalendar? calendar = null)
    {
        _settings = settings ?? ChartPatternSettings.Default;
        _timeframe = timeframe;
        _calendar = calendar ?? FxCalendar.Default;
        ZigZag = new ZigZag(zigzag, timeframe, _calendar);
    }

    public ZigZag ZigZag { get; }

    public IReadOnlyList<ChartPatternDetection> Detections => _detections;

    /// <summary>Scans a whole series (the same as feeding it bar by bar).</summary>
    public static ChartPatternScanner Scan(BarSeries bars, ZigZagSettings zigzag, ChartPatternSettings? settings = null, FxCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var scanner = new ChartPatternScanner(zigzag, bars.Timeframe, settings, calendar);
        for (var i = 0; i < bars.Count; i++) scanner.Update(bars[i]);
        return scanner;
    }

    /// <summary>Feeds one closed bar; returns how many patterns it confirmed.</summary>
    public int Update(in Bar bar)
    {
        _index++;
        if (ZigZag.Update(bar)) AddSetups(ZigZag.Pivots);
        var before = _detections.Count;
        for (var s = _pending.Count - 1; s >= 0; s--)
        {
            var setup = _pending[s];
            var outcome = setup.Check(bar, _index);
            if (outcome == 0) continue;
            _pending.RemoveAt(s);
            if (outcome == 2) continue; // invalidated or expired
            var close = new DateTime(_calendar.BarCloseUtcTicks(_timeframe, bar.Time.Ticks), DateTimeKind.Utc);
            _detections.Add(setup.Confirm(bar, _index, close));
        }
        return _detections.Count - before;
    }

    private void AddSetups(IReadOnlyList<Pivot> p)
    {
        var n = p.Count;
        if (n >= 3) TryDouble(p[n - 3], p[n - 2], p[n - 1]);
        if (n >= 5) TryHeadAndShoulders(p[n - 5], p[n - 4], p[n - 3], p[n - 2], p[n - 1]);
        if (n >= 4) TryBoundedRange([p[n - 4], p[n - 3], p[n - 2], p[n - 1]]);
        if (n >= 4) TryFlag(p[n - 4], p[n - 3], p[n - 2], p[n - 1]);
    }

    private int Expiry(Pivot first, Pivot last) =>
        last.ConfirmIndex + Math.Max(5, (int)Math.Ceiling(_settings.ExpiryLengths * (last.Index - first.Index)));

    private void TryDouble(Pivot a, Pivot middle, Pivot b)
    {
        if (a.Type != b.Type) return;
        var top = a.IsHigh;
        var height = top ? (a.Price + b.Price) / 2 - middle.Price : middle.Price - (a.Price + b.Price) / 2;
        if (!(height > 0)) return;
        var mismatch = Math.Abs(a.Price - b.Price) / (_settings.EqualityTolerance * height);
        if (mismatch > 1) return;
        int dt1 = middle.Index - a.Index, dt2 = b.Index - middle.Index;
        var quality = Clamp(1 - 0.5 * mismatch - 0.5 * Math.Abs(dt1 - dt2) / Math.Max(1.0, dt1 + dt2));
        var neck = middle.Price;
        var extreme = top ? Math.Max(a.Price, b.Price) : Math.Min(a.Price, b.Price);
        _pending.Add(new Setup(top ? ChartPatternKind.DoubleTop : ChartPatternKind.DoubleBottom, [a, middle, b], quality,
            Expiry(a, b), _ => neck, top ? -1 : 1, height,
            bar => top ? bar.High > extreme + _settings.EqualityTolerance * height : bar.Low < extreme - _settings.EqualityTolerance * height));
    }

    private void TryHeadAndShoulders(Pivot ls, Pivot n1, Pivot head, Pivot n2, Pivot rs)
    {
        if (ls.Type != head.Type || rs.Type != head.Type) return;
        var top = head.IsHigh;
        var sign = top ? 1 : -1;
        if (!(sign * (head.Price - ls.Price) > 0 && sign * (head.Price - rs.Price) > 0)) return;
        var neckline = TrendLine.Through(n1.Index, n1.Price, n2.Index, n2.Price);
        var headHeight = sign * (head.Price - neckline.At(head.Index));
        var leftHeight = sign * (ls.Price - neckline.At(ls.Index));
        var rightHeight = sign * (rs.Price - neckline.At(rs.Index));
        if (!(headHeight > 0 && leftHeight > 0 && rightHeight > 0)) return;
        var mismatch = Math.Abs(ls.Price - rs.Price) / (_settings.EqualityTolerance * headHeight);
        if (mismatch > 1) return;
        // The head must stand out: each shoulder at most ~80 % of the head's height above the neckline.
        if (Math.Max(leftHeight, rightHeight) > 0.8 * headHeight) return;
        var tilt = Math.Abs(n2.Price - n1.Price) / headHeight;
        int dt1 = head.Index - ls.Index, dt2 = rs.Index - head.Index;
        var quality = Clamp(1 - 0.4 * mismatch - 0.3 * Math.Min(1, tilt) - 0.3 * Math.Abs(dt1 - dt2) / Math.Max(1.0, dt1 + dt2));
        _pending.Add(new Setup(top ? ChartPatternKind.HeadAndShoulders : ChartPatternKind.InverseHeadAndShoulders, [ls, n1, head, n2, rs], quality,
            Expiry(ls, rs), neckline.At, -sign, headHeight,
            bar => top ? bar.High > head.Price : bar.Low < head.Price));
    }

    private void TryBoundedRange(Pivot[] p)
    {
        var highs = p.Where(x => x.IsHigh).ToArray();
        var lows = p.Where(x => !x.IsHigh).ToArray();
        if (highs.Length != 2 || lows.Length != 2) return;
        var upper = TrendLine.Through(highs[0].Index, highs[0].Price, highs[1].Index, highs[1].Price);
        var lower = TrendLine.Through(lows[0].Index, lows[0].Price, lows[1].Index, lows[1].Price);
        int start = p[0].Index, end = p[^1].Index;
        var height = upper.At(start) - lower.At(start);
        if (!(height > 0) || upper.At(end) - lower.At(end) <= 0) return;
        var su = (upper.At(end) - upper.At(start)) / height;
        var sl = (lower.At(end) - lower.At(start)) / height;
        var flat = _settings.FlatTolerance;
        ChartPatternKind kind;
        double fit;
        if (Math.Abs(su) <= flat && Math.Abs(sl) <= flat) { kind = ChartPatternKind.Rectangle; fit = (Math.Abs(su) + Math.Abs(sl)) / (2 * flat); }
        else if (Math.Abs(su) <= flat && sl > flat) { kind = ChartPatternKind.AscendingTriangle; fit = Math.Abs(su) / flat; }
        else if (Math.Abs(sl) <= flat && su < -flat) { kind = ChartPatternKind.DescendingTriangle; fit = Math.Abs(sl) / flat; }
        else if (su < -flat && sl > flat) { kind = ChartPatternKind.SymmetricTriangle; fit = Math.Abs(su + sl) / (Math.Abs(su) + Math.Abs(sl)); }
        else if (su > flat && sl > flat && Math.Abs(su - sl) <= flat) { kind = ChartPatternKind.RisingChannel; fit = Math.Abs(su - sl) / flat; }
        else if (su < -flat && sl < -flat && Math.Abs(su - sl) <= flat) { kind = ChartPatternKind.FallingChannel; fit = Math.Abs(su - sl) / flat; }
        else return;
        _pending.Add(new Setup(kind, p, Clamp(1 - 0.7 * Math.Min(1, fit)), Expiry(p[0], p[^1]), upper.At, +1, height, _ => false, lower.At));
    }

    private void TryFlag(Pivot poleStart, Pivot poleEnd, Pivot flagMiddle, Pivot flagEnd)
    {
        if (poleStart.Type == poleEnd.Type || poleEnd.Type != flagEnd.Type) return;
        var bull = poleEnd.IsHigh;
        var sign = bull ? 1 : -1;
        var pole = sign * (poleEnd.Price - poleStart.Price);
        var swing1 = sign * (poleEnd.Price - flagMiddle.Price);
        var swing2 = sign * (flagEnd.Price - flagMiddle.Price);
        if (!(pole > 0 && swing1 > 0 && swing2 > 0)) return;
        if (pole < _settings.FlagPoleRatio * Math.Max(swing1, swing2)) return;
        // A flag drifts against the pole or sideways: its second peak does not exceed the pole's end.
        if (sign * (flagEnd.Price - poleEnd.Price) > 0) return;
        var boundary = TrendLine.Through(poleEnd.Index, poleEnd.Price, flagEnd.Index, flagEnd.Price);
        var quality = Clamp(1 - Math.Max(swing1, swing2) / pole);
        // A flag that gives back more than half the pole is no longer a pause in the trend.
        var floor = poleEnd.Price - sign * 0.5 * pole;
        _pending.Add(new Setup(bull ? ChartPatternKind.BullFlag : ChartPatternKind.BearFlag, [poleStart, poleEnd, flagMiddle, flagEnd], quality,
            Expiry(poleEnd, flagEnd), boundary.At, sign, pole,
            bar => bull ? bar.Low < floor : bar.High > floor));
    }

    private static double Clamp(double v) => Math.Clamp(v, 0, 1);

    /// <summary>A pattern shape waiting for its breakout.</summary>
    private sealed class Setup(ChartPatternKind kind, Pivot[] pivots, double quality, int expiryIndex, Func<int, double> line, int direction,
        double height, Func<Bar, bool> invalidated, Func<int, double>? lowerLine = null)
    {
        private int _breakDirection;
        private double _level;

        /// <summary>0 = still waiting, 1 = broke out on this bar, 2 = dead.</summary>
        public int Check(in Bar bar, int index)
        {
            if (lowerLine is not null)
            {
                // Two boundaries: the break may go either way.
                double up = line(index), down = lowerLine(index);
                if (bar.Close > up) { _breakDirection = 1; _level = up; return 1; }
                if (bar.Close < down) { _breakDirection = -1; _level = down; return 1; }
            }
            else
            {
                var level = line(index);
                if (direction > 0 ? bar.Close > level : bar.Close < level) { _breakDirection = direction; _level = level; return 1; }
                if (invalidated(bar)) return 2;
            }
            return index >= expiryIndex ? 2 : 0;
        }

        public ChartPatternDetection Confirm(in Bar bar, int index, DateTime closeTime) =>
            new(kind, _breakDirection, pivots[0].Time, pivots[^1].Time, index, closeTime, _level, bar.Close,
                _level + _breakDirection * height, quality, pivots);
    }
}
