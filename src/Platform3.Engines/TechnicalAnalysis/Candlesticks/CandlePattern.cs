using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis.Candlesticks;

/// <summary>
/// A TA-Lib candlestick pattern as a streaming indicator: output <c>signal</c> is +100 (bullish), −100 (bearish)
/// or 0 on the bar that completes the pattern (so it is known at that bar's close). The running averages of earlier
/// candles are primed and updated exactly as TA-Lib does (a window ending <c>lookback</c> bars in, then
/// <c>total += range(new) − range(oldest)</c> after each evaluation), because pattern thresholds are compared exactly
/// and the reference files must match to the last bar. Ready after lookback+1 bars.
/// </summary>
public abstract class CandlePattern : Indicator
{
    private readonly List<Average> _averageList = [];
    private Average[] _averages = [];
    private readonly double[] _open;
    private readonly double[] _high;
    private readonly double[] _low;
    private readonly double[] _close;
    // Per-candle ranges, computed once when the bar arrives (the averages read them many times).
    private readonly double[] _body;
    private readonly double[] _highLow;
    private readonly double[] _shadows;
    private readonly int _capacity;
    private int _next;

    protected CandlePattern(string name, int lookback, int historyBars = 16)
        : base(name, lookback + 1, "signal")
    {
        Lookback = lookback;
        _capacity = Math.Max(historyBars, lookback + 2);
        _open = new double[_capacity];
        _high = new double[_capacity];
        _low = new double[_capacity];
        _close = new double[_capacity];
        _body = new double[_capacity];
        _highLow = new double[_capacity];
        _shadows = new double[_capacity];
    }

    /// <summary>TA-Lib's lookback: the index of the first bar that can be evaluated.</summary>
    public int Lookback { get; }

    /// <summary>Registers a running average of <paramref name="setting"/> ending <paramref name="ago"/> bars back.</summary>
    private protected Average Avg(CandleSetting setting, int ago = 0)
    {
        var a = new Average(this, setting, ago);
        _averageList.Add(a);
        _averages = [.. _averageList];
        return a;
    }

    /// <summary>Evaluates the pattern on the newest bar (0 = newest, 1 = the one before, ...).</summary>
    protected abstract int Evaluate();

    protected override void OnBar(in Bar bar)
    {
        _open[_next] = bar.Open;
        _high[_next] = bar.High;
        _low[_next] = bar.Low;
        _close[_next] = bar.Close;
        var top = bar.Close >= bar.Open ? bar.Close : bar.Open;
        var bottom = bar.Close >= bar.Open ? bar.Open : bar.Close;
        _body[_next] = Math.Abs(bar.Close - bar.Open);
        _highLow[_next] = bar.High - bar.Low;
        _shadows[_next] = (bar.High - top) + (bottom - bar.Low);
        if (++_next == _capacity) _next = 0;
        var index = Samples - 1;
        var averages = _averages;
        if (index < Lookback)
        {
            for (var k = 0; k < averages.Length; k++) averages[k].Prime((int)index); // index < Lookback here
            return;
        }
        Set(Evaluate());
        for (var k = 0; k < averages.Length; k++) averages[k].Advance();
    }

    protected override void OnReset()
    {
        _next = 0;
        Array.Clear(_open);
        Array.Clear(_high);
        Array.Clear(_low);
        Array.Clear(_close);
        Array.Clear(_body);
        Array.Clear(_highLow);
        Array.Clear(_shadows);
        foreach (var a in _averages) a.Clear();
    }

    private int Slot(int ago)
    {
        var i = _next - 1 - ago;
        return i < 0 ? i + _capacity : i;
    }

    protected double O(int ago) => _open[Slot(ago)];
    protected double H(int ago) => _high[Slot(ago)];
    protected double L(int ago) => _low[Slot(ago)];
    protected double C(int ago) => _close[Slot(ago)];

    protected double RealBody(int ago) => _body[Slot(ago)];
    protected double UpperShadow(int ago) => H(ago) - (C(ago) >= O(ago) ? C(ago) : O(ago));
    protected double LowerShadow(int ago) => (C(ago) >= O(ago) ? O(ago) : C(ago)) - L(ago);
    protected double HighLowRange(int ago) => _highLow[Slot(ago)];
    protected int Color(int ago) => C(ago) >= O(ago) ? 1 : -1;
    protected double BodyTop(int ago) => Math.Max(C(ago), O(ago));
    protected double BodyBottom(int ago) => Math.Min(C(ago), O(ago));
    /// <summary>Real body of the newer candle entirely above the older one's.</summary>
    protected bool RealBodyGapUp(int newer, int older) => Math.Min(O(newer), C(newer)) > Math.Max(O(older), C(older));
    protected bool RealBodyGapDown(int newer, int older) => Math.Max(O(newer), C(newer)) < Math.Min(O(older), C(older));

    private double Range(CandleRangeKind kind, int ago) => kind switch
    {
        CandleRangeKind.RealBody => _body[Slot(ago)],
        CandleRangeKind.HighLow => _highLow[Slot(ago)],
        _ => _shadows[Slot(ago)],
    };

    /// <summary>TA-Lib's running candle average for one setting, ending <c>ago</c> bars back.</summary>
    private protected sealed class Average
    {
        private readonly CandlePattern _owner;
        private readonly CandleRangeKind _kind;
        private readonly int _period;
        private readonly double _factor;
        private readonly double _divisor;
        private readonly int _ago;
        private double _total;

        public Average(CandlePattern owner, CandleSetting setting, int ago)
        {
            if (setting.Period + ago + 1 > owner._capacity)
                throw new ArgumentException($"{owner.Name}: candle history too short for {setting.Name} {ago} bars back.");
            _owner = owner;
            _kind = setting.Range;
            _period = setting.Period;
            _factor = setting.Factor;
            _divisor = setting.Range == CandleRangeKind.Shadows ? 2.0 : 1.0;
            _ago = ago;
        }

        /// <summary>factor × average (or the candle's own range when the period is 0), halved for shadows.</summary>
        public double Value => _factor * (_period != 0 ? _total / _period : _owner.Range(_kind, _ago)) / _divisor;

        // Before the first evaluation: sum the ranges of bars [lookback − ago − period, lookback − ago).
        public void Prime(int index)
        {
            if (_period != 0 && index >= _owner.Lookback - _period && index - _ago >= 0)
                _total += _owner.Range(_kind, _ago);
        }

        public void Advance()
        {
            if (_period != 0)
                _total += _owner.Range(_kind, _ago) - _owner.Range(_kind, _ago + _period);
        }

        public void Clear() => _total = 0;
    }
}
