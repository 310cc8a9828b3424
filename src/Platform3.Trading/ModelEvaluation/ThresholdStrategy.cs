using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.ModelEvaluation;

/// <summary>
/// Trades a model's signals through the kernel like any strategy: at each bar's close, a long or short
/// signal moves the net position to ±units (one market order, filled by the simulated broker at the next
/// price with spread, slippage and commission) and restarts the holding clock; with no fresh signal the
/// position is closed once it has been held for <c>holdBars</c> bars.
/// </summary>
public sealed class ThresholdStrategy(Instrument instrument, Timeframe timeframe, PredictionSignals signals, decimal units, int holdBars) : Strategy
{
    private int _held;

    public override string Name => "model-threshold";

    public override void OnStart() => Context.Subscribe(instrument, timeframe);

    public override void OnBar(in BarEvent bar)
    {
        if (bar.Instrument.Id != instrument.Id) return;
        if (signals.TryGet(bar.Bar.Time.Ticks, out var side) && side != 0)
        {
            TargetPosition(instrument, side * units, side > 0 ? "model-long" : "model-short");
            _held = 0;
            return;
        }
        if (NetPosition(instrument) == 0) return;
        if (++_held >= holdBars) TargetPosition(instrument, 0, "model-exit");
    }
}
