using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Volatility: ATR relative to the close, and per window the realised volatility (root mean square of
/// 1-bar log returns) and the Parkinson estimator √(mean ln²(H/L) / (4 ln 2)).
/// </summary>
public sealed class VolatilityBlock : FeatureBlock
{
    private static readonly double FourLn2 = 4 * Math.Log(2);
    private readonly int _atrPeriod;
    private readonly int[] _windows;
    private Atr _atr;
    private readonly Ring _sqReturns, _sqRanges;
    private double _prevClose = double.NaN;

    public VolatilityBlock(int atrPeriod, params int[] windows)
        : base($"volatility(atr={atrPeriod};{string.Join(',', windows)})", Math.Max(atrPeriod + 1, windows.Max() + 1), OutputNames(atrPeriod, windows))
    {
        _atrPeriod = atrPeriod;
        _windows = windows;
        _atr = new Atr(atrPeriod);
        _sqReturns = new Ring(windows.Max());
        _sqRanges = new Ring(windows.Max());
    }

    private static string[] OutputNames(int atr, int[] windows) =>
        [$"atr_{atr}_rel", .. windows.Select(w => $"rvol_{w.ToString(CultureInfo.InvariantCulture)}"),
            .. windows.Select(w => $"parkinson_{w.ToString(CultureInfo.InvariantCulture)}")];

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        SharedIndicators.Advance(_atr, in bar, Seen);
        output[0] = _atr.IsReady ? _atr.Value / bar.Close : double.NaN;
        if (!double.IsNaN(_prevClose))
        {
            var r = Math.Log(bar.Close / _prevClose);
            _sqReturns.Push(r * r);
        }
        _prevClose = bar.Close;
        var hl = bar.Low > 0 ? Math.Log(bar.High / bar.Low) : 0;
        _sqRanges.Push(hl * hl);
        if (_windows.Length <= 2 && _sqReturns.Count >= _sqReturns.Capacity && _sqRanges.Count >= _sqRanges.Capacity)
        {
            // Warm: both rings hold every window, so the (one or two) windows of both rings are summed in one pass.
            int w0 = _windows[0], w1 = _windows[^1];
            int shortW = Math.Min(w0, w1), longW = Math.Max(w0, w1);
            Ring.SumNewest(_sqReturns, _sqRanges, shortW, longW, out var rs, out var rl, out var hs, out var hl2);
            output[1] = Math.Sqrt((w0 == shortW ? rs : rl) / w0);
            output[1 + _windows.Length] = Math.Sqrt((w0 == shortW ? hs : hl2) / w0 / FourLn2);
            if (_windows.Length == 2)
            {
                output[2] = Math.Sqrt((w1 == longW ? rl : rs) / w1);
                output[4] = Math.Sqrt((w1 == longW ? hl2 : hs) / w1 / FourLn2);
            }
            return;
        }
        for (var k = 0; k < _windows.Length; k++)
        {
            var w = _windows[k];
            output[1 + k] = _sqReturns.Count >= w ? Math.Sqrt(Sum(_sqReturns, w) / w) : double.NaN;
            output[1 + _windows.Length + k] = _sqRanges.Count >= w ? Math.Sqrt(Sum(_sqRanges, w) / w / FourLn2) : double.NaN;
        }
    }

    /// <summary>Sums the window afresh each bar (not a running sum) so values never drift over long runs.</summary>
    private static double Sum(Ring ring, int w) => ring.SumNewest(w);

    public override void ShareIndicators(SharedIndicators shared) => _atr = shared.Share(_atr);

    public override FeatureBlock Clone() => new VolatilityBlock(_atrPeriod, _windows);
}
