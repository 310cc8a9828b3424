using Platform3.Core.Domain;

namespace Platform3.Trading.Kernel;

/// <summary>
/// The latest bid and ask per instrument (indexed by <see cref="Instrument.Id"/>), as the engine has seen
/// them up to now. Currency conversion, margin, marking and market orders all read from here, so nothing
/// can use a price that is not yet known.
/// </summary>
public sealed class QuoteBook
{
    private double[] _bid;
    private double[] _ask;
    private long[] _time;
    // The exact decimal mid, computed on first use after each quote (conversions need it only on fills and swaps).
    private decimal[] _midDecimal;
    private bool[] _midKnown;

    public QuoteBook(int instrumentCount)
    {
        _bid = new double[Math.Max(instrumentCount, 1)];
        _ask = new double[_bid.Length];
        _time = new long[_bid.Length];
        _midDecimal = new decimal[_bid.Length];
        _midKnown = new bool[_bid.Length];
        Array.Fill(_bid, double.NaN);
        Array.Fill(_ask, double.NaN);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Set(int instrumentId, double bid, double ask, long utcTicks)
    {
        if ((uint)instrumentId >= (uint)_bid.Length) Grow(instrumentId + 1);
        _bid[instrumentId] = bid;
        _ask[instrumentId] = ask;
        _time[instrumentId] = utcTicks;
        _midKnown[instrumentId] = false;
    }

    private void Grow(int n)
    {
        var old = _bid.Length;
        Array.Resize(ref _bid, n);
        Array.Resize(ref _ask, n);
        Array.Resize(ref _time, n);
        Array.Resize(ref _midDecimal, n);
        Array.Resize(ref _midKnown, n);
        for (var i = old; i < n; i++) _bid[i] = _ask[i] = double.NaN;
    }

    /// <summary>Slots (instrument ids) the book has room for.</summary>
    public int Count => _bid.Length;

    public bool Has(int instrumentId) => instrumentId < _bid.Length && !double.IsNaN(_bid[instrumentId]);
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Bid(int instrumentId) => (uint)instrumentId < (uint)_bid.Length ? _bid[instrumentId] : double.NaN;
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Ask(int instrumentId) => (uint)instrumentId < (uint)_ask.Length ? _ask[instrumentId] : double.NaN;
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Mid(int instrumentId) => 0.5 * (Bid(instrumentId) + Ask(instrumentId));
    public long TimeTicks(int instrumentId) => instrumentId < _time.Length ? _time[instrumentId] : 0;

    /// <summary>The exact decimal mid of the last quote (both sides are on the tick grid, so this is exact).</summary>
    public decimal MidDecimal(int instrumentId)
    {
        if (instrumentId < _midKnown.Length && _midKnown[instrumentId]) return _midDecimal[instrumentId];
        var mid = Accounting.ExactDecimal.MidOf(Bid(instrumentId), Ask(instrumentId)); // ((decimal)bid + (decimal)ask) * 0.5m
        if (instrumentId < _midKnown.Length)
        {
            _midDecimal[instrumentId] = mid;
            _midKnown[instrumentId] = true;
        }
        return mid;
    }

    public Quote? Get(Instrument instrument) =>
        Has(instrument.Id) ? new Quote(new DateTime(_time[instrument.Id], DateTimeKind.Utc), _bid[instrument.Id], _ask[instrument.Id]) : null;
}
