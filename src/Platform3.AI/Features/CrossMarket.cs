using Platform3.Core.Domain;

namespace Platform3.AI.Features;

/// <summary>
/// The latest closes of every pair in a universe, for cross-pair features (currency strength, basket
/// correlation). The driver applies a whole time slice — every pair's bar that closed at time t — before
/// any symbol's features for t are computed, in the same order offline and online, so both see the same
/// state. Pairs that had no bar at t keep their last known close (a point-in-time as-of join).
/// </summary>
public sealed class CrossMarket
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Instrument[] _pairs;
    private readonly Blocks.Ring[] _closes;

    public CrossMarket(IEnumerable<Instrument> pairs, int history = 65)
    {
        _pairs = pairs.DistinctBy(p => p.Symbol).ToArray();
        _closes = new Blocks.Ring[_pairs.Length];
        for (var i = 0; i < _pairs.Length; i++)
        {
            _index[_pairs[i].Symbol] = i;
            _closes[i] = new Blocks.Ring(history);
        }
    }

    public IReadOnlyList<Instrument> Pairs => _pairs;

    public bool Contains(string symbol) => _index.ContainsKey(symbol);

    /// <summary>Records the close of a bar of <paramref name="symbol"/> (call for every pair in the slice first).</summary>
    public void Update(string symbol, in Bar bar)
    {
        if (_index.TryGetValue(symbol, out var i)) _closes[i].Push(bar.Close);
    }

    /// <summary>
    /// Strength of a currency over <paramref name="window"/> bars: the mean log return of every pair that
    /// contains it (sign flipped when it is the quote), skipping <paramref name="exclude"/>. Returns the
    /// number of contributing pairs through <paramref name="pairs"/>; 0 contributions give 0.
    /// </summary>
    public double Strength(Currency currency, int window, string? exclude, out int pairs)
    {
        double sum = 0;
        pairs = 0;
        for (var i = 0; i < _pairs.Length; i++)
        {
            var p = _pairs[i];
            if (p.Symbol == exclude) continue;
            var sign = p.Base == currency ? 1 : p.Quote == currency ? -1 : 0;
            if (sign == 0 || _closes[i].Count <= window) continue;
            sum += sign * Math.Log(_closes[i][0] / _closes[i][window]);
            pairs++;
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
