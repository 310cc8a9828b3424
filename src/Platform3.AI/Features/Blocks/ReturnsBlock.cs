using System.Globalization;
using Platform3.Core.Domain;

namespace Platform3.AI.Features.Blocks;

/// <summary>Log returns of the close over several horizons: ret_h = ln(C_t / C_{t−h}).</summary>
public sealed class ReturnsBlock : FeatureBlock
{
    private readonly int[] _horizons;
    private readonly Ring _closes;

    public ReturnsBlock(params int[] horizons)
        : base($"returns({string.Join(',', horizons)})", horizons.Max() + 1,
            horizons.Select(h => "ret_" + h.ToString(CultureInfo.InvariantCulture)).ToArray())
    {
        _horizons = horizons;
        _closes = new Ring(horizons.Max() + 1);
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        _closes.Push(bar.Close);
        for (var k = 0; k < _horizons.Length; k++)
            output[k] = _closes.Count > _horizons[k] ? Math.Log(bar.Close / _closes[_horizons[k]]) : double.NaN;
    }

    public override FeatureBlock Clone() => new ReturnsBlock(_horizons);
}
