using Platform3.Core.Domain;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Simulation;

public sealed class NoSlippage : ISlippageModel
{
    public static readonly NoSlippage Instance = new();
    public double Slippage(Instrument instrument, OrderSide side, OrderType type, in Bar bar) => 0;
}

/// <summary>A fixed number of pips against the trader on every market and stop fill.</summary>
public sealed class FixedSlippage(double pips) : ISlippageModel
{
    public double Pips { get; } = pips >= 0 ? pips : throw new ArgumentOutOfRangeException(nameof(pips));
    public double Slippage(Instrument instrument, OrderSide side, OrderType type, in Bar bar) => Pips * instrument.PipSizeD;
}

/// <summary>
/// Slippage proportional to volatility: a share of the exponential average range of the bars already
/// closed (never the current bar's range, which is not known when the order fills).
/// </summary>
public sealed class VolatilitySlippage : ISlippageModel, IBarObserver
{
    private double[] _rangeEma = [];

    public VolatilitySlippage(double rangeShare, int period = 20)
    {
        if (rangeShare < 0) throw new ArgumentOutOfRangeException(nameof(rangeShare));
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period));
        RangeShare = rangeShare;
        Alpha = 2.0 / (period + 1);
        _period = period;
    }

    public double RangeShare { get; }
    private double Alpha { get; }
    private readonly int _period;

    public IBarObserver NewRun() => new VolatilitySlippage(RangeShare, _period);

    public double Slippage(Instrument instrument, OrderSide side, OrderType type, in Bar bar) =>
        instrument.Id < _rangeEma.Length ? RangeShare * _rangeEma[instrument.Id] : 0;

    public void Observe(Instrument instrument, in Bar bar)
    {
        if (instrument.Id >= _rangeEma.Length) Array.Resize(ref _rangeEma, instrument.Id + 1);
        var range = bar.High - bar.Low;
        ref var ema = ref _rangeEma[instrument.Id];
        ema = ema == 0 ? range : ema + Alpha * (range - ema);
    }
}
