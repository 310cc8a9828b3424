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

    /// <summary>
    /// Decimals with a coefficient below 2^64 are written from their fields: for every scale (0..28), both signs,
    /// coefficients of every digit count (trailing zeros kept, 1 to 2^64 - 1), and wider ones and zeros through the
    /// runtime, the text is <c>ToString(InvariantCulture)</c>'s.
    /// </summary>
    [Property(MaxTest = 5000)]
    public Property Decimals_are_written_as_their_invariant_text(decimal fsCheck, ulong raw, int seed)
    {
        var rng = new Random(seed);
        var scale = (byte)rng.Next(29);
        var digits = rng.Next(1, 21);
        var coefficient = rng.Next(4) switch
        {
            0 => raw,
            1 => raw % (ulong)Math.Pow(10, Math.Min(19, digits)),
            2 => (ulong)rng.Next(1, 100) * (ulong)Math.Pow(10, rng.Next(0, 18)),
            _ => ulong.MaxValue - (ulong)rng.Next(3),
        };
        var high = rng.Next(6) == 0 ? rng.Next(1, int.MaxValue) : 0;
        var negative = rng.Next(2) == 0;
        var values = new[] { fsCheck, new decimal((int)(uint)coefficient, (int)(uint)(coefficient >> 32), high, negative, scale), 0m, -0m, 0.000m,
            new decimal(0, 0, 0, true, scale), decimal.MaxValue, decimal.MinValue, 1.10m, 12_000m, 0.36m, -1.08735m };
        Span<byte> text = stackalloc byte[64];
        foreach (var v in values)
        {
            var n = CanonicalJsonWriter.DecimalDigits(v, text);
            var expected = v.ToString(CultureInfo.InvariantCulture);
            if (Encoding.ASCII.GetString(text[..n]) != expected) return false.Label($"{expected} written as {Encoding.ASCII.GetString(text[..n])}");
        }
        return true.ToProperty();
    }

    /// <summary>
    /// The host writes an order's id from its number ("O" and the digits, no string): for any id (zero, negatives and
    /// the extremes go through the text) order and fill records have the bytes of the same records given the id's text.
    /// </summary>
    [Property(MaxTest = 3000)]
    public Property Order_ids_written_from_their_number_are_their_text(long value, decimal quantity, decimal? price, int pick)
    {
        long[] odd = [0, 1, 9, 10, 99, 100, -1, long.MaxValue, long.MinValue, 1_000_000_007];
        var id = new Platform3.Trading.Orders.OrderId(pick % 3 == 0 ? odd[(pick & 0x7FFF) % odd.Length] : value);
        var byText = Convert.ToHexString(Logger.OrderJson(id.ToString(), "accepted", "EURUSD", "buy", quantity, "market", price, null));
        var byNumber = Convert.ToHexString(Logger.OrderJson(new DecisionLogger.OrderRef(id), "accepted", "EURUSD", "buy", quantity, "market", price, null));
        var fillText = Convert.ToHexString(Logger.FillJson(id.ToString(), "EURUSD", "sell", quantity, 1.08735m, 1.0873, -0.4, 0.36m));
        var fillNumber = Convert.ToHexString(Logger.FillJson(new DecisionLogger.OrderRef(id), "EURUSD", "sell", quantity, 1.08735m, 1.0873, -0.4, 0.36m));
        return (byText == byNumber && fillText == fillNumber).Label($"{id}");
    }

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
