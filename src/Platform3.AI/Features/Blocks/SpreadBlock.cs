using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Microstructure: the closing spread in pips, relative to the ATR, and as a z-score over a window.
/// Bid-only sources without a reported spread give 0 (no information) rather than a missing value.
/// </summary>
public sealed class SpreadBlock : FeatureBlock
{
    private readonly double _pip;
    private readonly int _window;
    private Atr _atr = new(14);
    private readonly Ring _spreads;

    public SpreadBlock(double pipSize, int window = 64)
        : base($"spread({window})", Math.Max(15, window), "spread_pips", "spread_atr", $"spread_z_{window}")
    {
        _pip = pipSize;
        _window = window;
        _spreads = new Ring(window);
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        SharedIndicators.Advance(_atr, in bar, Seen);
        var spread = bar.CloseSpread;
        if (!double.IsFinite(spread)) spread = 0;
        _spreads.Push(spread);
        output[0] = spread / _pip;
        output[1] = _atr.IsReady ? Ratio(spread, _atr.Value) : double.NaN;
        if (_spreads.Count < _window) { output[2] = double.NaN; return; }
        _spreads.SumsNewestFirst(_window, out var sum, out var sq);
        var mean = sum / _window;
        var variance = Math.Max(0, sq / _window - mean * mean);
        output[2] = variance > 0 ? (spread - mean) / Math.Sqrt(variance) : 0;
    }

    public override void ShareIndicators(SharedIndicators shared) => _atr = shared.Share(_atr);

    public override FeatureBlock Clone() => new SpreadBlock(_pip, _window);
}
