namespace Platform3.Core.Domain;

/// <summary>Appends bars in time order and produces an exact-length <see cref="BarSeries"/>.</summary>
public sealed class BarSeriesBuilder
{
    private readonly string _symbol;
    private readonly Timeframe _timeframe;
    private long[] _time;
    private double[] _o, _h, _l, _c, _ao, _ah, _al, _ac, _spread;
    private long[] _v;
    private bool _anyAsk, _anySpread;

    public int Count { get; private set; }

    public BarSeriesBuilder(string symbol, Timeframe timeframe, int capacity = 1024)
    {
        _symbol = symbol;
        _timeframe = timeframe;
        capacity = Math.Max(capacity, 4);
        _time = new long[capacity];
        _o = new double[capacity]; _h = new double[capacity]; _l = new double[capacity]; _c = new double[capacity];
        _ao = new double[capacity]; _ah = new double[capacity]; _al = new double[capacity]; _ac = new double[capacity];
        _spread = new double[capacity];
        _v = new long[capacity];
    }

    public long LastTime => Count == 0 ? long.MinValue : _time[Count - 1];

    public void Add(in Bar bar)
    {
        if (Count > 0 && bar.Time.Ticks <= _time[Count - 1])
            throw new InvalidOperationException($"Bars must be added in increasing time order: {bar.Time:u} after {new DateTime(_time[Count - 1]):u}.");
        if (Count == _time.Length) Grow();
        var i = Count++;
        _time[i] = bar.Time.Ticks;
        _o[i] = bar.Open; _h[i] = bar.High; _l[i] = bar.Low; _c[i] = bar.Close;
        _ao[i] = bar.AskOpen; _ah[i] = bar.AskHigh; _al[i] = bar.AskLow; _ac[i] = bar.AskClose;
        _spread[i] = bar.Spread;
        _v[i] = bar.Volume;
        _anyAsk |= bar.HasAsk;
        _anySpread |= !double.IsNaN(bar.Spread);
    }

    private void Grow()
    {
        var n = _time.Length * 2;
        Array.Resize(ref _time, n);
        Array.Resize(ref _o, n); Array.Resize(ref _h, n); Array.Resize(ref _l, n); Array.Resize(ref _c, n);
        Array.Resize(ref _ao, n); Array.Resize(ref _ah, n); Array.Resize(ref _al, n); Array.Resize(ref _ac, n);
        Array.Resize(ref _spread, n);
        Array.Resize(ref _v, n);
    }

    public BarSeries Build()
    {
        var n = Count;
        return new BarSeries(_symbol, _timeframe, _time[..n], _o[..n], _h[..n], _l[..n], _c[..n], _v[..n],
            _anyAsk ? _ao[..n] : null, _anyAsk ? _ah[..n] : null, _anyAsk ? _al[..n] : null, _anyAsk ? _ac[..n] : null,
            _anySpread && !_anyAsk ? _spread[..n] : null);
    }
}
