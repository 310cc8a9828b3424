using System.Collections;

namespace Platform3.Trading.Monitoring;

/// <summary>
/// The trade monitor's events, kept as rows without object references (a trade, currency and decision id are indices
/// into small tables) in chunks of 4,096 rows: a backtest keeps every mark of every open trade, and as one object each
/// (strings and all) they were much of what each garbage collection of a year's run had to trace and promote. A chunk
/// (512 KiB) lives in the large-object heap, so the collector neither copies nor traces it (decision-e2e at H1: 4.9 MB
/// promoted by the run's collection before, 3.5 MB after). Reading an event builds it from its row: the same values
/// (and the same string instances) that were given to <see cref="Add"/>.
/// </summary>
internal sealed class MonitoringEventLog : IReadOnlyList<TradeMonitoringEvent>
{
    /// <summary>Rows per chunk: 4,096 rows of 128 bytes, well above the large-object threshold (85,000 bytes).</summary>
    private const int ChunkRows = 4096;

    private struct Row
    {
        public int Trade;
        public int Currency;
        public int Decision; // −1: no execution quality
        public MonitoringEventKind Kind;
        public DateTime Timestamp;
        public double Position, AveragePrice, RealisedPnl, UnrealisedPnl;
        public double Gross, MaxNet, Leverage, VarFraction, Drawdown;
        public double DecisionPrice, FillPrice, SlippagePips;
        public TimeSpan Latency;
    }

    private readonly List<Row[]> _chunks = [];
    private readonly List<(string? Id, string? Symbol)> _trades = [];
    private readonly List<string?> _currencies = [];
    private readonly List<string?> _decisions = [];

    public int Count { get; private set; }

    /// <summary>A new trade's id and symbol; its events refer to it by the returned number.</summary>
    public int AddTrade(string? tradeId, string? symbol)
    {
        _trades.Add((tradeId, symbol));
        return _trades.Count - 1;
    }

    /// <summary>The symbol of a trade entry.</summary>
    public string? SymbolOf(int trade) => _trades[trade].Symbol;

    /// <summary>
    /// Appends an event of trade <paramref name="trade"/> (from <see cref="AddTrade"/>, whose id and symbol the event
    /// carries).
    /// </summary>
    public void Add(int trade, MonitoringEventKind kind, DateTime timestamp, double position, double averagePrice, double realisedPnl,
        double unrealisedPnl, in MonitoringRisk risk, in ExecutionQuality? execution)
    {
        var chunk = Count / ChunkRows;
        if (chunk == _chunks.Count) _chunks.Add(new Row[ChunkRows]);
        ref var row = ref _chunks[chunk][Count % ChunkRows];
        row.Trade = trade;
        row.Kind = kind;
        row.Timestamp = timestamp;
        row.Position = position;
        row.AveragePrice = averagePrice;
        row.RealisedPnl = realisedPnl;
        row.UnrealisedPnl = unrealisedPnl;
        row.Gross = risk.GrossExposure;
        row.MaxNet = risk.MaxNetCurrencyExposure;
        row.Currency = CurrencyIndex(risk.MaxNetCurrency);
        row.Leverage = risk.Leverage;
        row.VarFraction = risk.VarFraction;
        row.Drawdown = risk.Drawdown;
        if (execution is { } x)
        {
            _decisions.Add(x.DecisionId);
            row.Decision = _decisions.Count - 1;
            row.DecisionPrice = x.DecisionPrice;
            row.FillPrice = x.FillPrice;
            row.SlippagePips = x.SlippagePips;
            row.Latency = x.Latency;
        }
        else
        {
            row.Decision = -1;
            row.DecisionPrice = row.FillPrice = row.SlippagePips = 0;
            row.Latency = default;
        }
        Count++;
    }

    /// <summary>The currency code's place in the table (a handful of codes; the last one found is tried first).</summary>
    private int CurrencyIndex(string? code)
    {
        if (_lastCurrency >= 0 && ReferenceEquals(_currencies[_lastCurrency], code)) return _lastCurrency;
        var i = _currencies.IndexOf(code);
        if (i < 0)
        {
            _currencies.Add(code);
            i = _currencies.Count - 1;
        }
        return _lastCurrency = i;
    }

    private int _lastCurrency = -1;

    public TradeMonitoringEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            ref readonly var r = ref _chunks[index / ChunkRows][index % ChunkRows];
            var (id, symbol) = _trades[r.Trade];
            return new TradeMonitoringEvent(id!, r.Kind, r.Timestamp, symbol!, r.Position, r.AveragePrice, r.RealisedPnl, r.UnrealisedPnl,
                new MonitoringRisk(r.Gross, r.MaxNet, _currencies[r.Currency]!, r.Leverage, r.VarFraction, r.Drawdown),
                r.Decision < 0 ? null : new ExecutionQuality(_decisions[r.Decision]!, r.DecisionPrice, r.FillPrice, r.SlippagePips, r.Latency));
        }
    }

    public IEnumerator<TradeMonitoringEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
