using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Tests.Audit;

/// <summary>
/// Order and fill records are written by the hand-written emitter; these properties hold them to the bytes of the
/// <see cref="Utf8JsonWriter"/> code that wrote them before (kept below as the oracle, unchanged), since the audit
/// hashes of existing logs were computed over those bytes.
/// </summary>
public class OrderFillJsonEquivalenceTests
{
    private static string Legacy(Action<Utf8JsonWriter> body) => DecisionJsonEquivalenceTests.Reference(body);

    private static string LegacyOrder(string orderId, string eventName, string symbol, string side, decimal quantity, string orderType, decimal? price, string? reason) =>
        Legacy(w =>
        {
            w.WriteString("order_id", orderId);
            w.WriteString("event", eventName);
            w.WriteString("symbol", symbol);
            w.WriteString("side", side);
            w.WriteString("quantity", quantity.ToString(CultureInfo.InvariantCulture));
            w.WriteString("order_type", orderType);
            if (price is { } p) w.WriteString("price", p.ToString(CultureInfo.InvariantCulture)); else w.WriteNull("price");
            if (reason is null) w.WriteNull("reason"); else w.WriteString("reason", reason);
        });

    private static string LegacyFill(string orderId, string symbol, string side, decimal quantity, decimal price, double decisionPrice, double slippagePips, decimal commission) =>
        Legacy(w =>
        {
            w.WriteString("order_id", orderId);
            w.WriteString("symbol", symbol);
            w.WriteString("side", side);
            w.WriteString("quantity", quantity.ToString(CultureInfo.InvariantCulture));
            w.WriteString("price", price.ToString(CultureInfo.InvariantCulture));
            if (double.IsFinite(decisionPrice)) w.WriteNumber("decision_price", decisionPrice); else w.WriteNull("decision_price");
            if (double.IsFinite(slippagePips)) w.WriteNumber("slippage_pips", slippagePips); else w.WriteNull("slippage_pips");
            w.WriteString("commission", commission.ToString(CultureInfo.InvariantCulture));
        });

    private static readonly DecisionLogger Logger = new(new InMemoryAuditLog(keepLast: 1)); // reused, as in a run

    // Doubles as they occur (prices, slippage with rounding noise) and the awkward ones: exponents, extremes, signed zero.
    private static readonly double[] Odd = [0, -0.0, 1.2016, -0.09999999999843467, 1e-5, 1.5e-7, 123456789012345.6, 1e21, -1e-300,
        double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2];

    [Property(MaxTest = 3000)]
    public Property Order_records_are_the_legacy_writers_bytes(string orderId, string eventName, NonNull<string> symbol, string side, decimal quantity,
        string orderType, decimal? price, string? reason)
    {
        orderId ??= "";
        eventName ??= "accepted";
        side ??= "buy";
        orderType ??= "market";
        var expected = LegacyOrder(orderId, eventName, symbol.Get, side, quantity, orderType, price, reason);
        var actual = Encoding.UTF8.GetString(Logger.OrderJson(orderId, eventName, symbol.Get, side, quantity, orderType, price, reason));
        return (expected == actual).Label($"\nlegacy  {expected}\nemitted {actual}");
    }

    [Property(MaxTest = 5000)]
    public Property Fill_records_are_the_legacy_writers_bytes(string orderId, NonNull<string> symbol, bool buy, decimal quantity, decimal price,
        double decisionPrice, double slippage, int pick, decimal commission)
    {
        orderId ??= "";
        // Generated doubles, the awkward ones, and price-like ones with rounding noise.
        var rng = new Random(pick);
        double Choose(double generated) => (pick & 3) switch
        {
            0 => generated,
            1 => Odd[rng.Next(Odd.Length)],
            2 => Math.Round(rng.NextDouble() * 200, rng.Next(0, 6)),
            _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 16)),
        };
        var dp = Choose(decisionPrice);
        var sl = Choose(slippage);
        var side = buy ? "buy" : "sell";
        var expected = LegacyFill(orderId, symbol.Get, side, quantity, price, dp, sl, commission);
        var actual = Encoding.UTF8.GetString(Logger.FillJson(orderId, symbol.Get, side, quantity, price, dp, sl, commission));
        return (expected == actual).Label($"\nlegacy  {expected}\nemitted {actual}");
    }

    [Fact]
    public void Every_odd_double_is_written_like_Utf8JsonWriter()
    {
        foreach (var d in Odd)
            foreach (var s in Odd)
                Assert.Equal(LegacyFill("O1", "EURUSD", "buy", 50000m, 1.2016m, d, s, 0m), Encoding.UTF8.GetString(Logger.FillJson("O1", "EURUSD", "buy", 50000m, 1.2016m, d, s, 0m)));
    }
}
