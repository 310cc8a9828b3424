using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features.Blocks;

/// <summary>How an indicator output becomes a scale-free feature.</summary>
public enum IndicatorScaling
{
    /// <summary>As is (oscillators such as RSI, stochastics, ADX, %B).</summary>
    Raw,
    /// <summary>Divided by the ATR (e.g. MACD histogram).</summary>
    PerAtr,
    /// <summary>(close − value) / ATR: distance of the close from a price level (moving averages).</summary>
    DistanceAtr,
}

/// <summary>One output of a TA-engine indicator built from its spec (e.g. "rsi(14)", "macd(12,26,9)" hist), scaled.</summary>
public sealed class IndicatorBlock : FeatureBlock
{
    private readonly string _indicatorSpec;
    private readonly string? _output;
    private readonly IndicatorScaling _scaling;
    private Indicator _indicator;
    private readonly int _outputIndex;
    private Atr? _atr;

    public IndicatorBlock(string indicatorSpec, string? output = null, IndicatorScaling scaling = IndicatorScaling.Raw, string? name = null)
        : this(IndicatorFactory.Create(indicatorSpec), indicatorSpec, output, scaling, name)
    {
    }

    private IndicatorBlock(Indicator indicator, string spec, string? output, IndicatorScaling scaling, string? name)
        : base($"ta({indicator.Name}{(output is null ? "" : "." + output)},{scaling})",
            Math.Max(indicator.WarmUpPeriod, scaling == IndicatorScaling.Raw ? 1 : 15),
            name ?? FeatureNames.FromSpec(indicator.Name + (output is null ? "" : "." + output)) + Suffix(scaling))
    {
        _indicatorSpec = spec;
        _output = output;
        _scaling = scaling;
        _indicator = indicator;
        _outputIndex = output is null ? 0 : indicator.IndexOf(output);
        if (scaling != IndicatorScaling.Raw) _atr = new Atr(14);
    }

    private static string Suffix(IndicatorScaling s) => s switch
    {
        IndicatorScaling.PerAtr => "_atr",
        IndicatorScaling.DistanceAtr => "_dist_atr",
        _ => "",
    };

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        SharedIndicators.Advance(_indicator, in bar, Seen);
        if (_atr is not null) SharedIndicators.Advance(_atr, in bar, Seen);
        var v = _indicator[_outputIndex];
        output[0] = _scaling switch
        {
            IndicatorScaling.PerAtr => _atr!.IsReady ? Ratio(v, _atr.Value) : double.NaN,
            IndicatorScaling.DistanceAtr => _atr!.IsReady ? Ratio(bar.Close - v, _atr.Value) : double.NaN,
            _ => v,
        };
    }

    public override void ShareIndicators(SharedIndicators shared)
    {
        _indicator = shared.Share(_indicator);
        if (_atr is not null) _atr = shared.Share(_atr);
    }

    public override FeatureBlock Clone() => new IndicatorBlock(_indicatorSpec, _output, _scaling, Names[0]);
}
