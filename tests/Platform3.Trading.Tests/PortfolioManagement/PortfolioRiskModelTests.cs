using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.PortfolioManagement;

public class PortfolioRiskModelTests
{
    private static readonly DateTime T = Utc(2017, 3, 8, 12);

    [Theory]
    [InlineData(0.99, 2.3263478740)]
    [InlineData(0.975, 1.9599639845)]
    [InlineData(0.95, 1.6448536270)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.0902323062)]
    public void Normal_quantile_matches_tables(double p, double z) => Assert.Equal(z, NormalDistribution.Quantile(p), 7);

    [Fact]
    public void Return_history_samples_once_per_grid_bucket_and_uses_log_returns()
    {
        var prices = Prices(Currency.USD, T);
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), 10);
        var eurusd = I("EURUSD");
        h.Observe(T.Ticks, prices);                              // reference
        prices.Set(eurusd, T.AddMinutes(30).Ticks, 1.1099, 1.1101);
        h.Observe(T.AddMinutes(30).Ticks, prices);               // same bucket: ignored
        Assert.Equal(0, h.Count);
        h.Observe(T.AddMinutes(61).Ticks, prices);
        Assert.Equal(1, h.Count);
        Assert.Equal(Math.Log(1.11 / 1.10), h.CopyRow(0)[eurusd.Id], 12);
        Assert.Equal(0, h.CopyRow(0)[I("GBPUSD").Id], 12);
    }

    [Fact]
    public void Covariance_matches_a_hand_computation()
    {
        var h = new ReturnHistory(2, TimeSpan.FromHours(1), 8);
        double[][] rows = [[0.01, 0.02], [-0.01, 0.0], [0.02, 0.01], [0.0, -0.03]];
        foreach (var r in rows) h.Add(r);
        var ma = rows.Average(r => r[0]);
        var mb = rows.Average(r => r[1]);
        var cab = rows.Sum(r => (r[0] - ma) * (r[1] - mb)) / 3;
        var va = rows.Sum(r => (r[0] - ma) * (r[0] - ma)) / 3;
        Assert.Equal(cab, h.Covariance[1], 15);
        Assert.Equal(va, h.Variance(0), 15);
        Assert.Equal(cab / Math.Sqrt(va * h.Variance(1)), h.Correlation(0, 1), 12);
    }

    [Fact]
    public void Parametric_var_of_one_position_is_z_sigma_notional_sqrt_horizon()
    {
        var prices = Prices(Currency.USD, T);
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), 100);
        var rng = new Random(1);
        var row = new double[Catalog.Count];
        for (var s = 0; s < 100; s++)
        {
            for (var k = 0; k < row.Length; k++) row[k] = (rng.NextDouble() - 0.5) * 0.002;
            h.Add(row);
        }
        var m = new PortfolioRiskModel(h, VarMethod.Parametric, 0.99, TimeSpan.FromDays(1), 50);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        var eurusd = I("EURUSD");
        book.SetPosition(eurusd, 100_000);
        m.Prepare(book, prices, Currencies);
        var notional = 100_000 * prices.Mid(eurusd);
        var expected = 2.3263478740 * notional * Math.Sqrt(h.Variance(eurusd.Id)) * Math.Sqrt(24);
        Assert.Equal(expected, m.ValueAtRisk, 4);
    }

    [Fact]
    public void Historical_var_is_the_loss_at_the_quantile_of_scenario_pnl()
    {
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromDays(1), 100);
        var eurusd = I("EURUSD");
        var row = new double[Catalog.Count];
        for (var s = 0; s < 100; s++)
        {
            row[eurusd.Id] = (s - 50) / 10_000.0; // -0.5% .. +0.49%
            h.Add(row);
        }
        var m = new PortfolioRiskModel(h, VarMethod.Historical, 0.95, TimeSpan.FromDays(1), 50);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetPosition(eurusd, 1_000_000);
        var prices = Prices(Currency.USD, T);
        m.Prepare(book, prices, Currencies);
        var notional = 1_000_000 * prices.Mid(eurusd);
        // 5% of 100 scenarios: the 6th smallest P&L (rank 5), which is return -0.45%.
        Assert.Equal(notional * 0.0045, m.ValueAtRisk, 4);
    }

    [Property(MaxTest = 200)]
    public Property What_if_figures_match_a_recompute_after_the_trade(int seed)
    {
        var rng = new Random(seed);
        var prices = Prices(Currency.USD, T);
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), 80);
        var row = new double[Catalog.Count];
        for (var s = 0; s < 80; s++)
        {
            var common = (rng.NextDouble() - 0.5) * 0.002;
            for (var k = 0; k < row.Length; k++) row[k] = common * (k % 3 - 1) + (rng.NextDouble() - 0.5) * 0.002;
            h.Add(row);
        }
        var method = (VarMethod)rng.Next(3);
        var m = new PortfolioRiskModel(h, method, 0.99, TimeSpan.FromDays(1), 50);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        for (var n = rng.Next(0, 5); n > 0; n--) book.SetPosition(Catalog[rng.Next(Catalog.Count)], Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000);
        m.Prepare(book, prices, Currencies);
        var k2 = rng.Next(Catalog.Count);
        var du = Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000;
        var dn = du * prices.ToAccount(Currencies.BaseOf(k2));
        var var1 = m.VarWithTrade(k2, dn);
        var corr1 = m.CorrelatedExposureWithTrade(k2, dn);
        book.SetPosition(Catalog[k2], book.Units(k2) + du);
        m.Prepare(book, prices, Currencies);
        return (Math.Abs(var1 - m.ValueAtRisk) < 1e-6 * (1 + m.ValueAtRisk) && Math.Abs(corr1 - m.CorrelatedExposure) < 1e-6 * (1 + corr1))
            .Label($"var {var1} vs {m.ValueAtRisk}, corr {corr1} vs {m.CorrelatedExposure}");
    }

    /// <summary>
    /// A model asked again for the book it prepared last keeps its figures instead of recomputing them: over random
    /// sequences of position changes, price moves, new return samples and repeated asks (the usual case within one
    /// cycle), every figure, what-ifs included, equals a freshly made model's, bit for bit.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property A_repeated_prepare_gives_the_figures_of_a_fresh_model(int seed)
    {
        var rng = new Random(seed);
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), 60);
        var row = new double[Catalog.Count];
        void Sample()
        {
            for (var k = 0; k < row.Length; k++) row[k] = rng.Next(5) == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.004;
            h.Add(row);
        }
        var method = (VarMethod)rng.Next(3);
        var minObs = rng.Next(2, 40);
        var cached = new PortfolioRiskModel(h, method, 0.95, TimeSpan.FromDays(1), minObs);
        var values = new Dictionary<string, double>(UsdValue);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        static long B(double v) => BitConverter.DoubleToInt64Bits(v);
        for (var step = 0; step < 40; step++)
        {
            switch (rng.Next(6))
            {
                case 0: Sample(); break;
                case 1: book.SetPosition(Catalog[rng.Next(4)], rng.Next(3) == 0 ? 0 : Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000); break;
                case 2:
                    var c = values.Keys.ElementAt(rng.Next(values.Count));
                    if (c != "USD") values[c] *= 1 + (rng.NextDouble() - 0.5) * 0.01;
                    SetAll(prices, T, v => values[v]);
                    break;
                default: break; // ask again for the same book
            }
            cached.Prepare(book, prices, Currencies);
            var fresh = new PortfolioRiskModel(h, method, 0.95, TimeSpan.FromDays(1), minObs);
            fresh.Prepare(book, prices, Currencies);
            var k = rng.Next(4);
            var d = Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000 * prices.ToAccount(Currencies.BaseOf(k));
            if (B(cached.ValueAtRisk) != B(fresh.ValueAtRisk) || B(cached.CorrelatedExposure) != B(fresh.CorrelatedExposure)
                || B(cached.VarWithTrade(k, d)) != B(fresh.VarWithTrade(k, d)) || B(cached.CorrelatedExposureWithTrade(k, d)) != B(fresh.CorrelatedExposureWithTrade(k, d))
                || B(cached.Notional(k)) != B(fresh.Notional(k)))
                return false.Label($"step {step}: var {cached.ValueAtRisk} vs {fresh.ValueAtRisk}");
        }
        return true.ToProperty();
    }

    /// <summary>
    /// Historical VaR (found through a bound and a sort of the few values under it) equals the plain rule, bit for bit:
    /// the scenario P&amp;L summed position by position in instrument order, plus the what-if, fully sorted, the
    /// (rank+1)-th smallest. Windows of every length, repeated and zero returns (ties), any confidence.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Historical_var_equals_the_sorted_rule(int seed)
    {
        var rng = new Random(seed);
        var capacity = rng.Next(2, 300);
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), capacity);
        var row = new double[Catalog.Count];
        var levels = new[] { 0.0, 0.001, -0.001, -0.0 };
        for (var r = rng.Next(2, 2 * capacity); r > 0; r--)
        {
            for (var k = 0; k < row.Length; k++)
                row[k] = rng.Next(4) == 0 ? levels[rng.Next(levels.Length)] : (rng.NextDouble() - 0.5) * 0.004;
            h.Add(row);
        }
        var confidence = new[] { 0.99, 0.95, 0.9, 0.75, 0.51 }[rng.Next(5)];
        var m = new PortfolioRiskModel(h, VarMethod.Historical, confidence, TimeSpan.FromDays(1), 2);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        for (var n = rng.Next(0, 5); n > 0; n--) book.SetPosition(Catalog[rng.Next(6)], Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000);
        m.Prepare(book, prices, Currencies);
        var count = h.Count;
        for (var t = 0; t < 4; t++)
        {
            var k2 = rng.Next(6);
            var d = t == 0 ? 0 : Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000 * prices.ToAccount(Currencies.BaseOf(k2));
            var values = ScenarioPnl(m, h, book, count);
            if (d != 0)
            {
                var col = h.Slots(k2);
                for (var s = 0; s < count; s++) values[s] = values[s] + d * col[s];
            }
            Array.Sort(values);
            var expected = Math.Max(0, -values[RankOf(confidence, count)]) * m.HorizonScale;
            var actual = m.HistoricalVar(k2, d);
            if (!SameBits(expected, actual))
                return false.Label($"count {count}, confidence {confidence}, d {d}: {actual} vs {expected}");
        }
        return true.ToProperty();
    }

    /// <summary>The book's scenario P&amp;L written plainly: position by position in instrument order, slot by slot.</summary>
    private static double[] ScenarioPnl(PortfolioRiskModel m, ReturnHistory h, PortfolioSnapshot book, int count)
    {
        var pnl = new double[count];
        for (var id = 0; id < Catalog.Count; id++)
        {
            if (book.Units(id) == 0) continue;
            var x = m.Notional(id);
            var col = h.Slots(id);
            for (var s = 0; s < count; s++) pnl[s] += x * col[s];
        }
        return pnl;
    }

    /// <summary>
    /// With returns that overflow the scenario P&amp;L to infinities (and, mixed, to NaN), the one-pass scan that skips
    /// vectors equals the plain insertion scan (the rank+1 smallest kept in a sorted buffer, one value at a time, in
    /// slot order), bit for bit.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Historical_var_equals_the_insertion_scan_with_infinities(int seed)
    {
        var rng = new Random(seed);
        var capacity = rng.Next(2, 200);
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), capacity);
        var row = new double[Catalog.Count];
        var levels = new[] { 0.0, 1e308, -1e308, double.PositiveInfinity, 0.001 };
        for (var r = rng.Next(2, 2 * capacity); r > 0; r--)
        {
            for (var k = 0; k < row.Length; k++)
                row[k] = rng.Next(25) == 0 ? levels[rng.Next(levels.Length)] : (rng.NextDouble() - 0.5) * 0.004;
            h.Add(row);
        }
        var confidence = new[] { 0.99, 0.95, 0.75 }[rng.Next(3)];
        var m = new PortfolioRiskModel(h, VarMethod.Historical, confidence, TimeSpan.FromDays(1), 2);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        for (var n = rng.Next(0, 3); n > 0; n--) book.SetPosition(Catalog[rng.Next(6)], Math.Round(rng.NextDouble() * 40 + 1) * 10_000);
        m.Prepare(book, prices, Currencies);
        var count = h.Count;
        for (var t = 0; t < 3; t++)
        {
            var k2 = rng.Next(6);
            var d = t == 0 ? 0 : Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000 * prices.ToAccount(Currencies.BaseOf(k2));
            var expected = InsertionScanVar(m, h, book, confidence, k2, d);
            var actual = m.HistoricalVar(k2, d);
            if (!SameBits(expected, actual))
                return false.Label($"count {count}, confidence {confidence}, d {d}: {actual} vs {expected}");
        }
        return true.ToProperty();
    }

    /// <summary>The place of the loss exceeded with probability 1 − confidence among count sorted scenario values.</summary>
    private static int RankOf(double confidence, int count) => Math.Min((int)Math.Floor((1 - confidence) * count), count - 1);

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    /// <summary>
    /// The plain insertion scan: the rank+1 smallest what-if values kept in a sorted buffer, one value at a time, in slot
    /// order; the loss at the last of them.
    /// </summary>
    private static double InsertionScanVar(PortfolioRiskModel m, ReturnHistory h, PortfolioSnapshot book, double confidence, int k, double d)
    {
        var count = h.Count;
        var rank = RankOf(confidence, count);
        var pnl = ScenarioPnl(m, h, book, count);
        var smallest = new double[rank + 1];
        var held = 0;
        for (var s = 0; s < count; s++)
        {
            var v = d == 0 ? pnl[s] : pnl[s] + d * h.Slots(k)[s];
            if (held == rank + 1)
            {
                if (v >= smallest[rank]) continue;
                held--;
            }
            var i = held - 1;
            while (i >= 0 && smallest[i] > v) { smallest[i + 1] = smallest[i]; i--; }
            smallest[i + 1] = v;
            held++;
        }
        return Math.Max(0, -smallest[rank]) * m.HorizonScale;
    }

    /// <summary>
    /// The engine's window (500 hourly samples, wrapped) at the usual confidences, fat-tailed returns with repeated
    /// values and both zeros, books of up to five positions: the block-minimum scan (only blocks whose smallest value is
    /// at or below the keep-th smallest block minimum are read again) equals the plain insertion scan bit for bit, for
    /// the book and for what-ifs of every sign and size (sizes 1 to 4 vectors per block and a short last block included
    /// through the window lengths).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Historical_var_by_block_minima_equals_the_insertion_scan(int seed)
    {
        var rng = new Random(seed);
        var capacity = rng.Next(3) == 0 ? rng.Next(40, 700) : 500;
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), capacity);
        var row = new double[Catalog.Count];
        var levels = new[] { 0.0, -0.0, 0.002, -0.002, -0.01 };
        for (var r = capacity + rng.Next(0, capacity); r > 0; r--)
        {
            for (var k = 0; k < row.Length; k++)
                row[k] = rng.Next(8) == 0 ? levels[rng.Next(levels.Length)]
                    : (rng.NextDouble() - 0.5) * 0.004 * (rng.Next(30) == 0 ? 8 : 1);
            h.Add(row);
        }
        var confidence = new[] { 0.99, 0.99, 0.975, 0.95, 0.9 }[rng.Next(5)];
        var m = new PortfolioRiskModel(h, VarMethod.Historical, confidence, TimeSpan.FromDays(1), 2);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        for (var n = rng.Next(0, 6); n > 0; n--) book.SetPosition(Catalog[rng.Next(6)], Math.Round((rng.NextDouble() - 0.5) * 40) * 10_000);
        m.Prepare(book, prices, Currencies);
        var count = h.Count;
        for (var t = 0; t < 6; t++)
        {
            var k2 = rng.Next(6);
            var d = t == 0 ? 0 : Math.Round((rng.NextDouble() - 0.5) * 80) * 10_000 * prices.ToAccount(Currencies.BaseOf(k2));
            var expected = InsertionScanVar(m, h, book, confidence, k2, d);
            var actual = m.HistoricalVar(k2, d);
            if (!SameBits(expected, actual))
                return false.Label($"count {count}, confidence {confidence}, d {d}: {actual} vs {expected}");
        }
        return true.ToProperty();
    }

    /// <summary>
    /// From a flat book a what-if's VaR comes from the column's kept order statistic (d times its keep-th smallest or
    /// largest return): for what-ifs of every sign and size, on columns with repeated values, both zeros, huge values,
    /// infinities and now and then a NaN, asked again and again (kept statistics reused) and after the window took new
    /// samples with and without a new prepare (kept statistics renewed), it equals the plain insertion scan bit for bit.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Flat_book_what_ifs_equal_the_insertion_scan(int seed)
    {
        var rng = new Random(seed);
        var (h, addRow, confidence) = OddWindow(rng);
        var m = new PortfolioRiskModel(h, VarMethod.Historical, confidence, TimeSpan.FromDays(1), 2);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        if (rng.Next(3) == 0)
        {
            // A book held and prepared before it went flat: nothing of it may linger.
            book.SetPosition(Catalog[rng.Next(6)], 50_000);
            m.Prepare(book, prices, Currencies);
            m.HistoricalVar(rng.Next(6), 10_000);
            for (var id = 0; id < Catalog.Count; id++) book.SetPosition(Catalog[id], 0);
        }
        m.Prepare(book, prices, Currencies);
        for (var t = 0; t < 24; t++)
        {
            if (t % 8 == 7)
            {
                addRow();
                if (rng.Next(2) == 0) m.Prepare(book, prices, Currencies);
            }
            var k2 = rng.Next(6);
            var d = t % 6 == 0 ? 0 : Math.Round((rng.NextDouble() - 0.5) * 80) * 10_000 * (rng.Next(8) == 0 ? 1e300 : 1) * prices.ToAccount(Currencies.BaseOf(k2));
            var count = h.Count;
            var expected = InsertionScanVar(m, h, book, confidence, k2, d);
            var actual = m.HistoricalVar(k2, d);
            if (!SameBits(expected, actual))
                return false.Label($"count {count}, confidence {confidence}, k {k2}, d {d}: {actual} vs {expected}");
        }
        return true.ToProperty();
    }

    /// <summary>
    /// With one position held the book's VaR comes from the column's kept order statistic (x times its keep-th smallest
    /// or largest return): long and short positions of every size, columns with ties, both zeros, huge values,
    /// infinities and NaN, the window taking samples between prepares: the figure the prepare keeps and the one asked
    /// again equal the plain insertion scan bit for bit.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property One_position_book_var_equals_the_insertion_scan(int seed)
    {
        var rng = new Random(seed);
        var (h, addRow, confidence) = OddWindow(rng);
        var m = new PortfolioRiskModel(h, VarMethod.Historical, confidence, TimeSpan.FromDays(1), 2);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        for (var t = 0; t < 12; t++)
        {
            if (t % 3 == 2) addRow();
            for (var id = 0; id < Catalog.Count; id++) book.SetPosition(Catalog[id], 0);
            book.SetPosition(Catalog[rng.Next(6)], Math.Round((rng.NextDouble() - 0.5) * 80) * 10_000 * (rng.Next(8) == 0 ? 1e290 : 1) + 10_000);
            m.Prepare(book, prices, Currencies);
            var count = h.Count;
            var expected = InsertionScanVar(m, h, book, confidence, 0, 0);
            foreach (var actual in new[] { m.ValueAtRisk, m.HistoricalVar(rng.Next(6), 0) })
                if (!SameBits(expected, actual))
                    return false.Label($"count {count}, confidence {confidence}: {actual} vs {expected}");
            // Asked after the window took a sample but before a new prepare, the figure is still the prepared scenarios'
            // (the general path reads them as they were built; past the old window they are zero), not the new column's.
            var pnl = ScenarioPnl(m, h, book, count);
            addRow();
            var grown = h.Count;
            var keep = RankOf(confidence, grown) + 1;
            var stale = pnl.Concat(new double[grown - count]).ToArray();
            var smallest = new List<double>();
            foreach (var v in stale) { smallest.Add(v); smallest.Sort(); if (smallest.Count > keep) smallest.RemoveAt(keep); }
            var staleExpected = stale.Any(double.IsNaN) ? double.NaN : Math.Max(0, -smallest[keep - 1]) * m.HorizonScale;
            var staleActual = m.HistoricalVar(0, 0);
            if (!double.IsNaN(staleExpected) && BitConverter.DoubleToInt64Bits(Math.Abs(staleExpected)) != BitConverter.DoubleToInt64Bits(Math.Abs(staleActual)))
                return false.Label($"after a sample without a prepare, count {grown}: {staleActual} vs {staleExpected}");
        }
        return true.ToProperty();
    }

    /// <summary>
    /// A window (usually the engine's 500 samples, else 20-700) filled half to twice over with small returns and now and
    /// then repeated values, both zeros, huge values and (in a quarter of the windows) infinities and NaN; the row adder
    /// for more samples; a confidence from 0.75 to 0.99.
    /// </summary>
    private static (ReturnHistory History, Action AddRow, double Confidence) OddWindow(Random rng)
    {
        var capacity = rng.Next(3) == 0 ? rng.Next(20, 700) : 500;
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), capacity);
        var row = new double[Catalog.Count];
        var levels = new[] { 0.0, -0.0, 0.002, -0.002, 1e300, -1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN };
        var odd = rng.Next(4) == 0 ? levels.Length : levels.Length - 3; // now and then infinities and NaN
        void AddRow()
        {
            for (var k = 0; k < row.Length; k++)
                row[k] = rng.Next(10) == 0 ? levels[rng.Next(odd)] : (rng.NextDouble() - 0.5) * 0.004;
            h.Add(row);
        }
        for (var r = rng.Next(capacity / 2, 2 * capacity); r > 0; r--) AddRow();
        return (h, AddRow, new[] { 0.99, 0.99, 0.975, 0.95, 0.9, 0.75 }[rng.Next(6)]);
    }

    [Fact]
    public void Without_history_correlated_exposure_is_the_gross_sum()
    {
        var h = new ReturnHistory(Catalog.Count, TimeSpan.FromHours(1), 100);
        var m = new PortfolioRiskModel(h, VarMethod.Historical, 0.99, TimeSpan.FromDays(1), 50);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetPosition(I("EURUSD"), 100_000);
        book.SetPosition(I("GBPUSD"), -100_000);
        m.Prepare(book, prices, Currencies);
        Assert.False(m.HasHistory);
        Assert.True(double.IsNaN(m.ValueAtRisk));
        Assert.Equal(100_000 * prices.Mid(I("EURUSD")) + 100_000 * prices.Mid(I("GBPUSD")), m.CorrelatedExposure, 6);
    }
}

public class ReturnHistoryWindowTests
{
    [Fact]
    public void Running_sums_match_a_direct_covariance_after_the_window_wraps()
    {
        var h = new ReturnHistory(3, TimeSpan.FromHours(1), 16);
        var rng = new Random(5);
        var rows = new List<double[]>();
        for (var s = 0; s < 57; s++)
        {
            var r = new[] { (rng.NextDouble() - 0.5) * 0.01, (rng.NextDouble() - 0.5) * 0.002, s % 2 == 0 ? 0.0 : 0.001 };
            rows.Add(r);
            h.Add(r);
        }
        var last = rows.Skip(rows.Count - 16).ToArray();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var mi = last.Average(r => r[i]);
                var mj = last.Average(r => r[j]);
                var c = last.Sum(r => (r[i] - mi) * (r[j] - mj)) / 15;
                Assert.Equal(c, h.Covariance[i * 3 + j], 12);
            }
        Assert.Equal(last[0], h.CopyRow(0));
    }
}
