namespace Platform3.Trading.Kernel;

/// <summary>
/// For each instrument, the lowest and highest bid and ask it can stand at over a span of time: the extremes of
/// a bar's path for the instruments given one (<see cref="Set"/>), else the book's current quote (it stays put).
/// Valuation bounds (<see cref="Portfolio.Account.MarginLevelRange"/>) read prices through it.
/// </summary>
internal sealed class QuoteRanges(QuoteBook quotes)
{
    private double[] _bidLow = [], _bidHigh = [], _askLow = [], _askHigh = [];
    private bool[] _ranged = [];
    private readonly List<int> _set = [];

    public QuoteBook Quotes { get; } = quotes;

    public void Set(int id, double bidLow, double bidHigh, double askLow, double askHigh)
    {
        if (id >= _ranged.Length)
        {
            var n = Math.Max(id + 1, Quotes.Count);
            Array.Resize(ref _bidLow, n); Array.Resize(ref _bidHigh, n);
            Array.Resize(ref _askLow, n); Array.Resize(ref _askHigh, n);
            Array.Resize(ref _ranged, n);
        }
        _bidLow[id] = bidLow; _bidHigh[id] = bidHigh;
        _askLow[id] = askLow; _askHigh[id] = askHigh;
        if (!_ranged[id]) { _ranged[id] = true; _set.Add(id); }
    }

    /// <summary>Back to the book's quotes for every instrument.</summary>
    public void Clear()
    {
        foreach (var id in _set) _ranged[id] = false;
        _set.Clear();
    }

    private bool Ranged(int id) => (uint)id < (uint)_ranged.Length && _ranged[id];

    public double BidLow(int id) => Ranged(id) ? _bidLow[id] : Quotes.Bid(id);
    public double BidHigh(int id) => Ranged(id) ? _bidHigh[id] : Quotes.Bid(id);
    public double AskLow(int id) => Ranged(id) ? _askLow[id] : Quotes.Ask(id);
    public double AskHigh(int id) => Ranged(id) ? _askHigh[id] : Quotes.Ask(id);

    // The mid as QuoteBook.Mid computes it; rounding is monotone, so the bounds' mids bound every mid in the range.
    public double MidLow(int id) => 0.5 * (BidLow(id) + AskLow(id));
    public double MidHigh(int id) => 0.5 * (BidHigh(id) + AskHigh(id));
}
