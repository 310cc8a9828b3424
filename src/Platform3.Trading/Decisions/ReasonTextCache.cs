namespace Platform3.Trading.Decisions;

/// <summary>
/// The reason sentences a decision cycle writes repeat (the same direction, confidence and agreement to two
/// decimals, the same position side), so each is formatted into a stack buffer and looked up by its characters:
/// a sentence seen before comes back as the string made then (the same text), and a new one is kept while the cache
/// has room. A year of hourly decisions then makes a few hundred reason strings instead of one per decision.
/// </summary>
internal sealed class ReasonTextCache
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;

    public ReasonTextCache(int capacity = 4096)
    {
        _capacity = capacity;
        _lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _texts.Count;

    /// <summary>The string of <paramref name="text"/>: the kept one when it was seen before.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var kept)) return kept;
        var made = text.ToString();
        if (_texts.Count < _capacity) _texts.Add(made, made);
        return made;
    }
}
