using System.Globalization;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions.Fusion;
using Platform3.Trading.Risk;

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

/// <summary>
/// The sentences "{prefix}{value to two decimals}{suffix}" (a confidence or agreement below its rule) kept by the
/// value's hundredths: where <see cref="ReasonNumber.TryUnits"/> finds them the text depends on them alone, so the
/// sentence made for the first value of a hundredth serves every later one, with no formatting or lookup by text.
/// Any other value (negative, near a rounding midpoint, above <c>maxUnits</c>) is formatted as before.
/// </summary>
internal sealed class FixedSentenceCache(string prefix, string suffix, ReasonTextCache texts, int maxUnits = 200)
{
    private readonly string?[] _byUnits = new string?[maxUnits + 1];

    public string Get(double value) =>
        ReasonNumber.TryUnits(value, 2, out var units) && (ulong)units < (ulong)_byUnits.Length
            ? _byUnits[units] ??= Format(value)
            : Format(value);

    /// <summary>The general path: formatted in place, kept by text like the other sentences.</summary>
    public string Format(double value)
    {
        Span<char> text = stackalloc char[128];
        return text.TryWrite(CultureInfo.InvariantCulture, $"{prefix}{new Fixed(value, 2)}{suffix}", out var n)
            ? texts.Get(text[..n])
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}{new Fixed(value, 2)}{suffix}");
    }
}

/// <summary>
/// A call site's "{direction} signal (confidence {c}, agreement {a}){pieces}" sentences, kept by the fused direction,
/// the held side (the site's pieces depend on nothing else) and the two numbers' hundredths: where
/// <see cref="ReasonNumber.TryUnits"/> finds both, the text depends on those alone, so the sentence made for the first
/// signal of a combination serves every later one without formatting or a lookup by text. Any other signal (a number
/// negative, near a rounding midpoint or above 10.00) is formatted each time as before.
/// </summary>
internal sealed class DescribedSentences(int capacity = 4096)
{
    private const int MaxUnits = 1000;
    private readonly Dictionary<int, string> _byKey = new();

    /// <summary>The kept sentence, or false with the key to keep the formatted one under (-1: not to be kept).</summary>
    public bool TryGet(in FusedSignal f, SignalDirection held, out int key, out string sentence)
    {
        sentence = "";
        key = -1;
        if (!ReasonNumber.TryUnits(f.Confidence, 2, out var c) || !ReasonNumber.TryUnits(f.Agreement, 2, out var a)
            || (ulong)c > MaxUnits || (ulong)a > MaxUnits || f.Direction is not (SignalDirection.Long or SignalDirection.Short or SignalDirection.Flat))
            return false;
        key = (((int)f.Direction + 1) * 2 + (held == SignalDirection.Long ? 1 : 0)) * (MaxUnits + 1) * (MaxUnits + 1) + (int)c * (MaxUnits + 1) + (int)a;
        return _byKey.TryGetValue(key, out sentence!);
    }

    public void Keep(int key, string sentence)
    {
        if (key >= 0 && _byKey.Count < capacity) _byKey[key] = sentence;
    }
}
