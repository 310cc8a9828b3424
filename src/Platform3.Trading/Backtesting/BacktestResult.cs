using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Backtesting;

/// <summary>
/// Account equity and balance after every time step (account currency). Only the equity changes at nearly every
/// step, so only it is kept per sample (8 bytes); the times are kept as runs of evenly spaced samples (a run ends at
/// a gap in the data) and the balance as the samples where it changed. <see cref="Time"/> and <see cref="Balance"/>
/// are expanded to one value per sample on first read, exactly as they were added.
/// </summary>
public sealed class EquityCurve
{
    private double[] _equity;
    // Time runs: sample index where the run starts, its first time, and the spacing of its samples (0 while the run has one sample).
    private readonly List<(int Start, long Time, long Step)> _timeRuns = [];
    private long _lastTime, _step;
    private int _runLength;
    // Balance runs: sample index from which a balance holds (compared bit for bit, so even the sign of a zero is kept).
    private readonly List<(int Start, double Balance)> _balanceRuns = [];
    private long _lastBalanceBits;
    // The expanded columns, replaced as one object (readers on other threads see both or neither).
    private sealed record Expansion(int Count, long[] Time, double[] Balance);
    private Expansion? _expanded;

    public EquityCurve(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        // Only the first Count samples are ever read, each written before: no need to zero megabytes per run.
        _equity = GC.AllocateUninitializedArray<double>(capacity);
    }

    public int Count { get; private set; }
    public ReadOnlySpan<long> Time => Expanded().Time;
    public ReadOnlySpan<double> Equity => _equity.AsSpan(0, Count);
    public ReadOnlySpan<double> Balance => Expanded().Balance;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(long timeTicks, double equity, double balance)
    {
        var k = Count;
        if ((uint)k >= (uint)_equity.Length) Array.Resize(ref _equity, _equity.Length * 2);
        _equity[k] = equity;
        // The usual sample: the next time of the current run and an unchanged balance.
        if (_runLength < 2 || timeTicks - _lastTime != _step) NewTime(timeTicks);
        else _runLength++;
        _lastTime = timeTicks;
        if (k == 0 || BitConverter.DoubleToInt64Bits(balance) != _lastBalanceBits) NewBalance(k, balance);
        Count = k + 1;
    }

    private void NewTime(long timeTicks)
    {
        if (_runLength == 1)
        {
            // The run's second sample fixes its spacing.
            _step = timeTicks - _lastTime;
            var last = _timeRuns[^1];
            _timeRuns[^1] = (last.Start, last.Time, _step);
            _runLength = 2;
            return;
        }
        _timeRuns.Add((Count, timeTicks, 0));
        _runLength = 1;
    }

    private void NewBalance(int k, double balance)
    {
        _balanceRuns.Add((k, balance));
        _lastBalanceBits = BitConverter.DoubleToInt64Bits(balance);
    }

    private Expansion Expanded()
    {
        var n = Count;
        if (_expanded is { } done && done.Count == n) return done;
        var time = new long[n];
        for (var r = 0; r < _timeRuns.Count; r++)
        {
            var (start, t, step) = _timeRuns[r];
            var end = r + 1 < _timeRuns.Count ? _timeRuns[r + 1].Start : n;
            for (var i = start; i < end; i++, t += step) time[i] = t;
        }
        var balance = new double[n];
        for (var r = 0; r < _balanceRuns.Count; r++)
        {
            var (start, b) = _balanceRuns[r];
            var end = r + 1 < _balanceRuns.Count ? _balanceRuns[r + 1].Start : n;
            balance.AsSpan(start, end - start).Fill(b);
        }
        return _expanded = new Expansion(n, time, balance);
    }

    /// <summary>Bytes held per sample while the curve is not expanded (the equity; times and balances take a few bytes per gap or balance change).</summary>
    public const int BytesPerSample = sizeof(double);
}

/// <summary>Costs by kind over the run, account currency. Spread and slippage are already inside fill prices.</summary>
public sealed record CostSummary(decimal Spread, decimal Slippage, decimal Commission, decimal Swap)
{
    public decimal Total => Spread + Slippage + Commission + Swap;
}

/// <summary>What a backtest produced: trades, every order and order event, the equity curve and the ledger.</summary>
public sealed class BacktestResult
{
    public required BacktestSettings Settings { get; init; }
    public required IReadOnlyList<string> Strategies { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required IReadOnlyList<Instrument> Universe { get; init; }
    public required Timeframe DataTimeframe { get; init; }
    public required DateTime Start { get; init; }
    public required DateTime End { get; init; }
    public required IReadOnlyList<Trade> Trades { get; init; }
    public required IReadOnlyList<Order> Orders { get; init; }
    public required IReadOnlyList<OrderEvent> OrderEvents { get; init; }
    public required IReadOnlyList<LedgerEntry> Ledger { get; init; }
    public required IReadOnlyList<MarginEvent> MarginEvents { get; init; }
    public required EquityCurve Equity { get; init; }
    public required AccountSnapshot Final { get; init; }
    public required CostSummary Costs { get; init; }
    public required long BarsProcessed { get; init; }
    public required long Steps { get; init; }
    /// <summary>Steps the broker did not walk because the margin level provably stayed clear of every margin rule (for tests).</summary>
    internal long StepsProvedQuiet { get; init; }

    /// <summary>Walked steps whose margin checks one bound over the paths stood for, after a first segment's events (for tests).</summary>
    internal long WalksProvedQuiet { get; init; }
    /// <summary>Walks ended after their first segment because the rest could change only marks and quotes (for tests).</summary>
    internal long WalksFinishedQuietly { get; init; }
    /// <summary>Market orders whose creation and submission were recorded directly (for tests).</summary>
    internal long DirectMarketOrders { get; init; }
    /// <summary>Steps the single-feed loop's quiet lane took (for tests).</summary>
    internal long StepsInQuietLane { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The ledger's own identity check at the end (null = it holds).</summary>
    public required string? LedgerProblem { get; init; }
    public IReadOnlyDictionary<string, List<DiagnosticRecord>> Diagnostics { get; init; } = new Dictionary<string, List<DiagnosticRecord>>();
    /// <summary>Price series of the traded instruments (for the report's trades-on-price chart).</summary>
    public IReadOnlyDictionary<string, BarSeries> PriceSeries { get; init; } = new Dictionary<string, BarSeries>();

    public decimal InitialBalance => Settings.InitialBalance;
    public decimal NetProfit => Final.Equity - InitialBalance;
}
