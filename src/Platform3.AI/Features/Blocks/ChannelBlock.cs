using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Support and resistance from a Donchian channel of the last N bars: distances of the close to the
/// channel high and low in ATRs, and the close's position inside the channel (0 at the low, 1 at the high).
/// </summary>
public sealed class ChannelBlock : FeatureBlock
{
    private readonly int _period;
    private Indicator _channel;
    private Atr _atr = new(14);
    private readonly int _upper, _lower;

    public ChannelBlock(int period)
        : base($"channel({period})", Math.Max(period, 15), OutputNames(period))
    {
        _period = period;
        _channel = IndicatorFactory.Create($"donchian({period.ToString(CultureInfo.InvariantCulture)})");
        _upper = _channel.IndexOf("upper");
        _lower = _channel.IndexOf("lower");
    }

    private static string[] OutputNames(int p)
    {
        var s = p.ToString(CultureInfo.InvariantCulture);
        return [$"res_{s}_dist_atr", $"sup_{s}_dist_atr", $"channel_{s}_pos"];
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        SharedIndicators.Advance(_channel, in bar, Seen);
        SharedIndicators.Advance(_atr, in bar, Seen);
        double hi = _channel[_upper], lo = _channel[_lower];
        var ready = _atr.IsReady && !double.IsNaN(hi);
        output[0] = ready ? Ratio(hi - bar.Close, _atr.Value) : double.NaN;
        output[1] = ready ? Ratio(bar.Close - lo, _atr.Value) : double.NaN;
        output[2] = ready ? (hi > lo ? (bar.Close - lo) / (hi - lo) : 0.5) : double.NaN;
    }

    public override void ShareIndicators(SharedIndicators shared)
    {
        _channel = shared.Share(_channel);
        _atr = shared.Share(_atr);
    }

    public override FeatureBlock Clone() => new ChannelBlock(_period);
}
