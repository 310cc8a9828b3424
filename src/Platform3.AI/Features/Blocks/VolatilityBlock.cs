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
    private readonly Atr _atr;
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
        _atr.Update(in bar);
        output[0] = _atr.IsReady ? _atr.Value / bar.Close : double.NaN;
        if (!double.IsNaN(_prevClose))
        {
            var r = Math.Log(bar.Close / _prevClose);
            _sqReturns.Push(r * r);
        }
        _prevClose = bar.Close;
        var hl = bar.Low > 0 ? Math.Log(bar.High / bar.Low) : 0;
        _sqRanges.Push(hl * hl);
        for (var k = 0; k < _windows.Length; k++)
        {
            var w = _windows[k];
            output[1 + k] = _sqReturns.Count >= w ? Math.Sqrt(Sum(_sqReturns, w) / w) : double.NaN;
            output[1 + _windows.Length + k] = _sqRanges.Count >= w ? Math.Sqrt(Sum(_sqRanges, w) / w / FourLn2) : double.NaN;
        }
    }

    /// <summary>Sums the window afresh each bar (not a running sum) so values never drift over long runs.</summary>
    private static double Sum(Ring ring, int w) => ring.SumNewest(w);

    public override FeatureBlock Clone() => new VolatilityBlock(_atrPeriod, _windows);
}
