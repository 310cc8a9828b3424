using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Features of a higher timeframe (H1, H4, ...) on base-timeframe rows. Base bars are aggregated as they
/// arrive; the inner blocks see a higher-timeframe bar only once it is complete (its last base bar has
/// closed, or a bar of a later bucket arrived), so each row carries the values of the last CLOSED
/// higher-timeframe bar and never the forming one.
/// </summary>
public sealed class HigherTimeframeBlock : FeatureBlock
{
    private readonly Timeframe _baseTf, _tf;
    private readonly FxCalendar _calendar;
    private readonly FeatureBlock[] _inner;
    private readonly StreamingBarAggregator _aggregator;
    private readonly double[] _values;
    private readonly int[] _offsets;
    private readonly int[] _widths;

    public HigherTimeframeBlock(Timeframe baseTimeframe, Timeframe timeframe, FxCalendar calendar, params FeatureBlock[] inner)
        : base($"htf({timeframe.Name}:{string.Join(';', inner.Select(b => b.Spec))})",
            1 + inner.Max(b => b.WarmUp) * (int)Math.Max(1, timeframe.DurationTicks / Math.Max(1, baseTimeframe.DurationTicks)),
            inner.SelectMany(b => b.Names).Select(n => $"{timeframe.Name.ToLowerInvariant()}.{n}").ToArray())
    {
        if (!(timeframe > baseTimeframe) || !timeframe.IsMultipleOf(baseTimeframe))
            throw new ArgumentException($"Higher-timeframe features need a timeframe above {baseTimeframe} that is a multiple of it; got {timeframe}.");
        _baseTf = baseTimeframe;
        _tf = timeframe;
        _calendar = calendar;
        _inner = inner;
        _aggregator = new StreamingBarAggregator(baseTimeframe, timeframe, calendar, hasAsk: false);
        _values = new double[Names.Count];
        Array.Fill(_values, double.NaN);
        _offsets = new int[inner.Length];
        _widths = inner.Select(b => b.Names.Count).ToArray();
        for (int k = 0, o = 0; k < inner.Length; o += _widths[k], k++) _offsets[k] = o;
        _innerFinal = inner.All(b => b.ReadinessIsFinal);
    }

    public Timeframe Timeframe => _tf;

    /// <summary>Ready when every inner block has seen enough closed higher-timeframe bars.</summary>
    public override bool IsReady
    {
        get
        {
            if (_readyForGood) return true;
            foreach (var b in _inner) if (!b.IsReady) return false;
            // Inner blocks on the base rule stay ready once ready (their bar counts only grow), and so does this block
            // then: the engine asks on every bar, and the answer no longer costs a virtual call per inner block.
            _readyForGood = _innerFinal;
            return true;
        }
    }

    /// <summary>Whether every inner block's readiness is the base rule (final once true).</summary>
    private readonly bool _innerFinal;
    private bool _readyForGood;

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        _aggregator.Push(in bar);
        while (_aggregator.TryTake(out var htf))
        {
            var htfClose = _calendar.BarCloseUtcTicks(_tf, htf.Time.Ticks);
            for (var k = 0; k < _inner.Length; k++)
                _inner[k].Update(in htf, htfClose, _values.AsSpan(_offsets[k], _widths[k]));
        }
        _values.CopyTo(output);
    }

    /// <summary>The inner blocks see higher-timeframe bars, a stream of their own: they share among themselves only.</summary>
    public override void ShareIndicators(SharedIndicators shared)
    {
        var own = new SharedIndicators();
        foreach (var b in _inner) b.ShareIndicators(own);
    }

    public override FeatureBlock Clone() => new HigherTimeframeBlock(_baseTf, _tf, _calendar, _inner.Select(b => b.Clone()).ToArray());
}
