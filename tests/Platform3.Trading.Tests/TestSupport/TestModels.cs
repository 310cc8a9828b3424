using Platform3.Core.Calendar;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>The broker models the result-pinning tests share.</summary>
internal static class TestModels
{
    /// <summary>Realistic costs (session/volatility spread, 0.1 pip slippage, $30 per million, EURUSD and USDJPY swaps) at the given leverage.</summary>
    public static SimulationModels Realistic(decimal leverage) => new()
    {
        Spread = new SessionVolatilitySpreadModel(FixedSpreadModel.Typical(), FxCalendar.Default),
        Slippage = new FixedSlippage(0.1),
        Commission = new PerMillionCommission(30m),
        Swap = new SwapTable().SetPoints("EURUSD", -6.9m, 1.4m).SetPoints("USDJPY", 3.1m, -9.2m),
        Margin = new LeverageMarginModel(leverage),
    };
}
