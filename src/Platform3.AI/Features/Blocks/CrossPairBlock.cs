using Platform3.Core.Domain;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Cross-pair features from a <see cref="CrossMarket"/>: the strength of the pair's base and quote
/// currencies computed from the OTHER pairs (over 16 and 64 bars), their gap, the rolling correlation
/// (64 bars) between the pair's own 1-bar return and the return the other pairs imply for it, and how many
/// pairs contributed.
/// </summary>
public sealed class CrossPairBlock : FeatureBlock
{
    private const int Window = 64;
    private readonly Instrument _instrument;
    private readonly CrossMarket _market;
    private readonly Ring _own = new(Window), _implied = new(Window);
    private double _prevClose = double.NaN;

    public CrossPairBlock(Instrument instrument, CrossMarket market)
        : base("crosspair(16,64;corr=64)", Window + 2, "xs_base_strength_16", "xs_quote_strength_16", "xs_strength_gap_16",
            "xs_base_strength_64", "xs_quote_strength_64", "xs_corr_implied_64", "xs_pairs")
    {
        _instrument = instrument;
        _market = market;
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        var s = _instrument.Symbol;
        var b16 = _market.Strength(_instrument.Base, 16, s, out var nb);
        var q16 = _market.Strength(_instrument.Quote, 16, s, out var nq);
        output[0] = b16;
        output[1] = q16;
        output[2] = b16 - q16;
        output[3] = _market.Strength(_instrument.Base, 64, s, out _);
        output[4] = _market.Strength(_instrument.Quote, 64, s, out _);
        var implied = _market.Strength(_instrument.Base, 1, s, out _) - _market.Strength(_instrument.Quote, 1, s, out _);
        if (!double.IsNaN(_prevClose))
        {
            _own.Push(Math.Log(bar.Close / _prevClose));
            _implied.Push(implied);
        }
        _prevClose = bar.Close;
        output[5] = _own.Count >= Window ? Correlation() : double.NaN;
        output[6] = nb + nq;
    }

    private double Correlation()
    {
        double mx = 0, my = 0;
        for (var i = 0; i < Window; i++) { mx += _own[i]; my += _implied[i]; }
        mx /= Window; my /= Window;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < Window; i++)
        {
            double dx = _own[i] - mx, dy = _implied[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }

    public override FeatureBlock Clone() => new CrossPairBlock(_instrument, _market);
}
