using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features.Blocks;

/// <summary>Candle shape: body, wicks and close location as fractions of the range; range and gap in ATRs.</summary>
public sealed class CandleBlock : FeatureBlock
{
    private Atr _atr = new(14);
    private double _prevClose = double.NaN;

    public CandleBlock()
        : base("candle", 15, "candle_body", "candle_upper_wick", "candle_lower_wick", "candle_clv", "candle_range_atr", "candle_gap_atr")
    {
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        SharedIndicators.Advance(_atr, in bar, Seen);
        var range = bar.High - bar.Low;
        output[0] = Ratio(bar.Close - bar.Open, range);
        output[1] = Ratio(bar.High - Math.Max(bar.Open, bar.Close), range);
        output[2] = Ratio(Math.Min(bar.Open, bar.Close) - bar.Low, range);
        output[3] = Ratio(bar.Close - bar.Low - (bar.High - bar.Close), range);
        output[4] = _atr.IsReady ? Ratio(range, _atr.Value) : double.NaN;
        output[5] = _atr.IsReady && !double.IsNaN(_prevClose) ? Ratio(bar.Open - _prevClose, _atr.Value) : double.NaN;
        _prevClose = bar.Close;
    }

    public override void ShareIndicators(SharedIndicators shared) => _atr = shared.Share(_atr);

    public override FeatureBlock Clone() => new CandleBlock();
}
