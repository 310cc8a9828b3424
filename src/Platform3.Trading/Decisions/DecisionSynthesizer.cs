using System.Runtime.CompilerServices;
using System.Globalization;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions.Fusion;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Decisions;

public enum DecisionType
{
    Hold,
    Buy,
    Sell,
    Close,
    Reduce,
}

/// <summary>The business decision for one symbol in one cycle, before risk and execution planning.</summary>
public readonly record struct SynthesizedDecision(DecisionType Type, double Confidence, string Reason, bool Flip = false);

/// <summary>
/// Applies <c>config/decision-rules.yaml</c> to a fused signal and the current position:
/// with no position, a fused direction that clears min confidence and min agreement opens one (BUY/SELL) unless
/// the symbol is cooling down after its last entry or the day's entries are used up. With a position, a strong
/// opposite signal closes it (close_first) or reverses it (flip); a weaker opposite signal (reduce_confidence)
/// reduces it; a flat signal closes it when close_on_flat. Otherwise HOLD. Exits are never blocked by the
/// cool-down or the daily count. Trading days roll at 17:00 New York.
/// </summary>
public sealed class DecisionSynthesizer
{
    private readonly DecisionRules _rules;
    private readonly FxCalendar _calendar;
    private readonly long[] _lastEntryTicks;
    private readonly string?[] _lastEntryText; // "SYMBOL entry at yyyy-MM-dd HH:mm", made once per entry, not per blocked cycle
    private DateOnly _day;
    private int _entriesToday;

    public DecisionSynthesizer(DecisionRules rules, FxCalendar calendar, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(catalog);
        _rules = rules;
        _calendar = calendar;
        _lastEntryTicks = new long[catalog.Count];
        _lastEntryTicks.AsSpan().Fill(long.MinValue);
        _lastEntryText = new string?[catalog.Count];
        _confidenceBelow = new FixedSentenceCache("confidence ", string.Create(CultureInfo.InvariantCulture, $" is below min_confidence {rules.MinConfidence:F2}"), _texts);
        _agreementBelow = new FixedSentenceCache("agreement ", string.Create(CultureInfo.InvariantCulture, $" is below min_agreement {rules.MinAgreement:F2}"), _texts);
        _clearsRules = $" clears min confidence {F(rules.MinConfidence)} and min agreement {F(rules.MinAgreement)}";
    }

    private readonly string _clearsRules;

    // The weakness sentences, their rule half formatted once (same text as formatting it each time).
    private readonly FixedSentenceCache _confidenceBelow;
    private readonly FixedSentenceCache _agreementBelow;

    public int EntriesToday => _entriesToday;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SynthesizedDecision Decide(Instrument instrument, in FusedSignal fused, double positionUnits, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Roll(nowUtc);
        var dir = fused.Direction;
        var conf = fused.Confidence;
        var strong = StrongEnough(fused, out var weakness);
        if (positionUnits == 0)
        {
            if (!strong) return new(DecisionType.Hold, conf, weakness);
            if (EntryBlocked(instrument, nowUtc, out var block)) return new(DecisionType.Hold, conf, block);
            return new(dir == SignalDirection.Long ? DecisionType.Buy : DecisionType.Sell, conf, Described(fused, _clears, 0, _clearsRules));
        }

        var held = positionUnits > 0 ? SignalDirection.Long : SignalDirection.Short;
        if (dir != SignalDirection.Flat && dir != held)
        {
            if (strong)
            {
                if (_rules.OnOpposite == OppositeSignalPolicy.Flip)
                {
                    if (!EntryBlocked(instrument, nowUtc, out var block))
                        return new(dir == SignalDirection.Long ? DecisionType.Buy : DecisionType.Sell, conf, Described(fused, _flip, held, " against the ", Side(held), " position: flip"), Flip: true);
                    return new(DecisionType.Close, conf, $"{Describe(fused)} against the {Side(held)} position; cannot flip ({block}), closing");
                }
                return new(DecisionType.Close, conf, Described(fused, _closeFirst, held, " against the ", Side(held), " position: close first"));
            }
            if (_rules.ReduceConfidence > 0 && conf >= _rules.ReduceConfidence)
                return new(DecisionType.Reduce, conf, $"{Describe(fused)} against the {Side(held)} position is above reduce_confidence {F(_rules.ReduceConfidence)} but not strong enough to close ({weakness}): reduce by {F(_rules.ReduceFraction * 100, 0)}%");
            return new(DecisionType.Hold, conf, Joined("opposite signal too weak to act on (", weakness, ")"));
        }
        if (dir == SignalDirection.Flat && _rules.CloseOnFlat)
            return new(DecisionType.Close, conf, Joined("no directional signal (", fused.Note, ") and close_on_flat is set"));
        return new(DecisionType.Hold, conf, dir == held ? Described(fused, _agrees, held, " agrees with the ", Side(held), " position") : Joined("no directional signal: ", fused.Note, ""));
    }

    /// <summary>Records an executed entry (for the cool-down and the daily count).</summary>
    public void RecordEntry(Instrument instrument, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Roll(nowUtc);
        _lastEntryTicks[instrument.Id] = nowUtc.Ticks;
        _lastEntryText[instrument.Id] = null;
        _entriesToday++;
    }

    private bool StrongEnough(in FusedSignal f, out string weakness)
    {
        if (f.Direction == SignalDirection.Flat)
        {
            weakness = string.IsNullOrEmpty(f.Note) ? "fused signal is flat" : Joined("fused signal is flat: ", f.Note, "");
            return false;
        }
        if (f.Confidence < _rules.MinConfidence)
        {
            weakness = _confidenceBelow.Get(f.Confidence);
            return false;
        }
        if (f.Agreement < _rules.MinAgreement)
        {
            weakness = _agreementBelow.Get(f.Agreement);
            return false;
        }
        weakness = "";
        return true;
    }

    private bool EntryBlocked(Instrument instrument, DateTime nowUtc, out string reason)
    {
        var last = _lastEntryTicks[instrument.Id];
        if (last != long.MinValue && nowUtc.Ticks - last < _rules.Cooldown.Ticks)
        {
            var left = TimeSpan.FromTicks(last + _rules.Cooldown.Ticks - nowUtc.Ticks);
            var entry = _lastEntryText[instrument.Id] ??= $"{instrument.Symbol} entry at {new DateTime(last, DateTimeKind.Utc):yyyy-MM-dd HH:mm}";
            reason = $"cool-down: last {entry} UTC, {left.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture)} min left";
            return true;
        }
        if (_entriesToday >= _rules.MaxTradesPerDay)
        {
            reason = $"max_trades_per_day {_rules.MaxTradesPerDay} reached for trading day {_day:yyyy-MM-dd}";
            return true;
        }
        reason = "";
        return false;
    }

    private void Roll(DateTime nowUtc)
    {
        var day = _calendar.TradingDayOf(nowUtc.Ticks);
        if (day == _day) return;
        _day = day;
        _entriesToday = 0;
    }

    // Formatted in place (invariant, two decimals): the same text as F(), without a string per number.
    private static string Describe(in FusedSignal f) =>
        string.Create(CultureInfo.InvariantCulture, $"{Side(f.Direction)} signal (confidence {new Fixed(f.Confidence, 2)}, agreement {new Fixed(f.Agreement, 2)})");

    /// <summary>
    /// <see cref="Describe"/> followed by up to three pieces, as one string: the same text as interpolating the
    /// description into the sentence, without the description's own string (a decision cycle made both). The pieces
    /// are fixed by the call site and the held side, so the sentence is kept by those, the direction and the two
    /// numbers' hundredths (<see cref="DescribedSentences"/>); only a new combination is formatted.
    /// </summary>
    private string Described(in FusedSignal f, DescribedSentences kept, SignalDirection held, string a, string? b = null, string? c = null)
    {
        var known = kept.TryGet(f, held, out var key, out var sentence);
        if (known) return sentence;
        sentence = Format(f, a, b, c);
        kept.Keep(key, sentence);
        return sentence;
    }

    /// <summary>The general path of <see cref="Described"/>: formatted in place, kept by text like the other sentences.</summary>
    internal string Format(in FusedSignal f, string a, string? b = null, string? c = null)
    {
        Span<char> text = stackalloc char[256];
        return text.TryWrite(CultureInfo.InvariantCulture, $"{Side(f.Direction)} signal (confidence {new Fixed(f.Confidence, 2)}, agreement {new Fixed(f.Agreement, 2)}){a}{b}{c}", out var n)
            ? _texts.Get(text[..n])
            : string.Concat(Describe(f), a, b, c);
    }

    // The described sentences of each call site.
    private readonly DescribedSentences _clears = new();
    private readonly DescribedSentences _flip = new();
    private readonly DescribedSentences _closeFirst = new();
    private readonly DescribedSentences _agrees = new();

    private readonly ReasonTextCache _texts = new();

    /// <summary>The three pieces as one string (what interpolating them gives), kept by text like the other sentences.</summary>
    private string Joined(string a, string? b, string c)
    {
        var length = a.Length + (b?.Length ?? 0) + c.Length;
        if (length > 512) return string.Concat(a, b, c);
        Span<char> text = stackalloc char[512];
        a.CopyTo(text);
        b.AsSpan().CopyTo(text[a.Length..]);
        c.CopyTo(text[(length - c.Length)..]);
        return _texts.Get(text[..length]);
    }

    private static string Side(SignalDirection d) => d switch
    {
        SignalDirection.Long => "long",
        SignalDirection.Short => "short",
        _ => "flat",
    };

    private static string F(double v, int decimals = 2) => ReasonNumber.Format(v, decimals);
}
