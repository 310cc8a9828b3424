using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Backtesting;

/// <summary>Account equity and balance after every time step (account currency).</summary>
public sealed class EquityCurve
{
    private long[] _time;
    private double[] _equity;
    private double[] _balance;

    public EquityCurve(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        // Only the first Count samples are ever read, each written before: no need to zero megabytes per run.
        _time = GC.AllocateUninitializedArray<long>(capacity);
        _equity = GC.AllocateUninitializedArray<double>(capacity);
        _balance = GC.AllocateUninitializedArray<double>(capacity);
    }

    public int Count { get; private set; }
    public ReadOnlySpan<long> Time => _time.AsSpan(0, Count);
    public ReadOnlySpan<double> Equity => _equity.AsSpan(0, Count);
    public ReadOnlySpan<double> Balance => _balance.AsSpan(0, Count);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(long timeTicks, double equity, double balance)
    {
        var k = Count;
        if ((uint)k >= (uint)_time.Length || (uint)k >= (uint)_equity.Length || (uint)k >= (uint)_balance.Length) Grow();
        _time[k] = timeTicks;
        _equity[k] = equity;
        _balance[k] = balance;
        Count = k + 1;
    }

    private void Grow()
    {
        var n = _time.Length * 2;
        Array.Resize(ref _time, n);
        Array.Resize(ref _equity, n);
        Array.Resize(ref _balance, n);
    }

    /// <summary>Bytes held per sample (time, equity, balance).</summary>
    public const int BytesPerSample = sizeof(long) + 2 * sizeof(double);
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
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The ledger's own identity check at the end (null = it holds).</summary>
    public required string? LedgerProblem { get; init; }
    public IReadOnlyDictionary<string, List<DiagnosticRecord>> Diagnostics { get; init; } = new Dictionary<string, List<DiagnosticRecord>>();
    /// <summary>Price series of the traded instruments (for the report's trades-on-price chart).</summary>
    public IReadOnlyDictionary<string, BarSeries> PriceSeries { get; init; } = new Dictionary<string, BarSeries>();

    public decimal InitialBalance => Settings.InitialBalance;
    public decimal NetProfit => Final.Equity - InitialBalance;
}
