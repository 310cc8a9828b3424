using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Accounting;

/// <summary>
/// The margin an order needs takes the leverage the account keeps for a pair it has held instead of asking the model each
/// time: it must be the model's formula bit for bit, for pairs never held, held now and held before, with a leverage per
/// pair and the default.
/// </summary>
public class MarginForTests
{
    private static readonly string[] Symbols = ["EURUSD", "GBPUSD", "USDJPY", "EURGBP"];
    private static readonly double[] Start = [1.1, 1.3, 110.0, 0.85];

    [Property(MaxTest = 60)]
    public Property Margin_for_an_order_is_the_models_formula_bit_for_bit(int seed, bool hedging)
    {
        var rng = new Random(seed);
        var bySymbol = new Dictionary<string, decimal>();
        foreach (var s in Symbols)
            if (rng.Next(2) == 0) bySymbol[s] = rng.Next(1, 500) / (decimal)Math.Pow(10, rng.Next(3));
        var model = new LeverageMarginModel(rng.Next(1, 400) + rng.Next(100) / 100m, bySymbol);
        var f = new KernelFixture(balance: 1_000_000m, symbols: Symbols, mode: hedging ? PositionMode.Hedging : PositionMode.Netting,
            models: Harness.Frictionless() with { Margin = model });
        for (var k = 0; k < Symbols.Length; k++)
        {
            var i = f.Catalog.Get(Symbols[k]);
            var p = (double)i.RoundPrice(Start[k] * (1 + (rng.NextDouble() - 0.5) * 0.1)).Value;
            f.Quote(Symbols[k], p, p + 2 * i.TickSizeD);
        }
        var account = f.Account;
        for (var n = 0; n < 12; n++)
        {
            // Before, while and after pairs are held: every pair against the model's own formula.
            foreach (var s in Symbols)
            {
                var i = f.Catalog.Get(s);
                var units = 1000m * rng.Next(1, 500) + (rng.Next(4) == 0 ? 0.5m : 0m);
                var expected = (double)units * account.Converter.BaseRate(i) / (double)model.Leverage(i);
                var actual = account.MarginFor(i, units);
                if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                    return false.Label($"{s} {units}: {actual} vs the model's {expected}");
            }
            var traded = f.Catalog.Get(Symbols[rng.Next(Symbols.Length)]);
            f.Submit(OrderRequest.Market(traded, rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, 1000m * rng.Next(1, 300)));
            f.Broker.FillMarketOrdersAtLastQuotes();
        }
        return true.ToProperty();
    }
}
