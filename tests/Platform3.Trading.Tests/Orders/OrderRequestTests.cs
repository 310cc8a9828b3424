using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Tests.Orders;

/// <summary>A request keeps its optional prices in a side record; it must still read, compare, hash and copy as plain values.</summary>
public class OrderRequestTests
{
    private static decimal? Maybe(Random rng) => rng.Next(3) == 0 ? null : Math.Round((decimal)(rng.NextDouble() * 2), rng.Next(6));

    [Property(MaxTest = 200)]
    public Property Optional_prices_read_compare_and_copy_as_values(int seed)
    {
        var rng = new Random(seed);
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        decimal? limit = Maybe(rng), stop = Maybe(rng), offset = Maybe(rng), sl = Maybe(rng), tp = Maybe(rng);
        var a = new OrderRequest { Instrument = eu, Side = OrderSide.Buy, Quantity = 1000m, LimitPrice = limit, StopPrice = stop, TrailingOffset = offset, StopLoss = sl, TakeProfit = tp };
        // The same values reached another way: set in another order, through `with`, and with explicit nulls left out.
        var b = OrderRequest.Market(eu, OrderSide.Buy, 1000m) with { TakeProfit = tp, StopLoss = sl };
        if (offset is not null) b = b with { TrailingOffset = offset };
        b = b with { StopPrice = stop, LimitPrice = limit };
        var read = a.LimitPrice == limit && a.StopPrice == stop && a.TrailingOffset == offset && a.StopLoss == sl && a.TakeProfit == tp
            && a.IsBracket == (sl is not null || tp is not null);
        var changed = a with { LimitPrice = (limit ?? 0) + 1m };
        var copyIsIndependent = changed.LimitPrice == (limit ?? 0) + 1m && a.LimitPrice == limit && changed != a && changed.StopPrice == stop;
        var cleared = (a with { LimitPrice = null, StopPrice = null, TrailingOffset = null, StopLoss = null, TakeProfit = null }) == OrderRequest.Market(eu, OrderSide.Buy, 1000m);
        return (read && a == b && a.GetHashCode() == b.GetHashCode() && a.ToString() == b.ToString() && copyIsIndependent && cleared)
            .Label($"{a} vs {b}");
    }
}
