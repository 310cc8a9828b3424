using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;
using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Monitoring;

/// <summary>
/// Emits <see cref="TradeMonitoringEvent"/>s: one per fill, and one per open trade at each mark-to-market.
/// A trade starts when a symbol's position leaves zero and ends when it returns to zero; its id is
/// SYMBOL-n. Risk figures come from the decision engine's risk model, so monitoring and pre-trade checks agree.
/// Events are kept in order and can be written as JSON lines beside the backtest results.
/// </summary>
public sealed class TradeMonitor
{
    private readonly RiskEvaluator _risk;
    private readonly MarketPrices _prices;
    private readonly PortfolioSnapshot _portfolio;
    private readonly MonitoringEventLog _events = new();
    /// <summary>
    /// Per instrument id: the open trade's id (null when none) and its (id, symbol) entry in the event log, and the trade's
    /// realised P&amp;L so far. Indexed by id (grown on demand) rather than looked up: a mark visits every catalogue id.
    /// </summary>
    private (string? Id, int Entry)[] _openTrade;
    private double[] _realised;
    private int _openCount;
    private readonly Dictionary<string, int> _tradeCount = new(StringComparer.Ordinal);

    public IReadOnlyList<TradeMonitoringEvent> Events => _events;

    /// <summary>Raised for each event as it is produced (dashboards, live monitors).</summary>
    public event Action<TradeMonitoringEvent>? Emitted;

    public TradeMonitor(RiskEvaluator risk, MarketPrices prices, PortfolioSnapshot portfolio)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(portfolio);
        _risk = risk;
        _prices = prices;
        _portfolio = portfolio;
        _openTrade = new (string?, int)[Math.Max(1, portfolio.Catalog.Count)];
        _realised = new double[_openTrade.Length];
    }

    /// <summary>
    /// A fill, after the portfolio snapshot was updated with it. <paramref name="positionAfter"/> is the trade's
    /// signed position after the fill (0 when it closed; a flip is reported as a close, then an open);
    /// <paramref name="realisedPnl"/> is the realised P&amp;L of this fill (account currency); <paramref name="side"/>
    /// is +1 buy, −1 sell. <paramref name="referencePrice"/> is the decision price (or, for stop-loss and
    /// take-profit fills, the trigger price) that slippage is measured against.
    /// </summary>
    public TradeMonitoringEvent OnFill(Instrument instrument, DateTime timeUtc, int side, double fillPrice, double realisedPnl,
        double unrealisedPnl, double positionAfter, double averagePrice, string? decisionId, double referencePrice, DateTime? decisionTimeUtc)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var id = instrument.Id;
        var position = positionAfter;
        if (id >= _openTrade.Length)
        {
            Array.Resize(ref _openTrade, Math.Max(id + 1, 2 * _openTrade.Length));
            Array.Resize(ref _realised, _openTrade.Length);
        }
        var trade = _openTrade[id];
        if (trade.Id is null)
        {
            var n = _tradeCount.GetValueOrDefault(instrument.Symbol) + 1;
            _tradeCount[instrument.Symbol] = n;
            var newId = string.Create(CultureInfo.InvariantCulture, $"{instrument.Symbol}-{n}");
            _openTrade[id] = trade = (newId, _events.AddTrade(newId, instrument.Symbol));
            _openCount++;
            _realised[id] = 0;
        }
        var tradeId = trade.Id;
        _realised[id] += realisedPnl;
        ExecutionQuality? quality = null;
        if (decisionId is not null && double.IsFinite(referencePrice))
        {
            // Positive slippage is a worse price: paying more on a buy, receiving less on a sell.
            var slip = side * (fillPrice - referencePrice) / instrument.PipSizeD;
            quality = new ExecutionQuality(decisionId, referencePrice, fillPrice, slip, decisionTimeUtc is { } d ? timeUtc - d : TimeSpan.Zero);
        }
        var e = new TradeMonitoringEvent(tradeId, MonitoringEventKind.Fill, timeUtc, instrument.Symbol, position,
            position == 0 ? 0 : averagePrice, _realised[id], unrealisedPnl, Risk(), quality);
        _events.Add(EntryOf(id, trade, e.Symbol), e.Kind, e.Timestamp, e.Position, e.AveragePrice, e.RealisedPnl, e.UnrealisedPnl, e.RiskMetrics, e.Execution);
        if (position == 0)
        {
            _openTrade[id] = default;
            _realised[id] = 0;
            _openCount--;
        }
        Emitted?.Invoke(e);
        return e;
    }

    /// <summary>A mark-to-market: one event per open trade, with its unrealised P&amp;L from <paramref name="unrealisedOf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnMark(DateTime timeUtc, Func<Instrument, double> unrealisedOf)
    {
        ArgumentNullException.ThrowIfNull(unrealisedOf);
        if (_openCount == 0) return;
        var risk = Risk();
        // In instrument order, without sorting the open trades each mark.
        var ids = Math.Min(_portfolio.Catalog.Count, _openTrade.Length);
        for (var id = 0; id < ids; id++)
        {
            var trade = _openTrade[id];
            if (trade.Id is null) continue;
            var instrument = _portfolio.Catalog[id];
            double position = _portfolio.Units(id), average = _portfolio.AveragePrice(instrument), realised = _realised[id];
            var unrealised = unrealisedOf(instrument);
            // Kept as a row; an event object only for listeners (a year's marks as objects were a large part of what each
            // garbage collection had to promote).
            _events.Add(EntryOf(id, trade, instrument.Symbol), MonitoringEventKind.Mark, timeUtc, position, average, realised, unrealised, risk, null);
            Emitted?.Invoke(new TradeMonitoringEvent(trade.Id, MonitoringEventKind.Mark, timeUtc, instrument.Symbol, position, average, realised,
                unrealised, risk, null));
        }
    }

    /// <summary>
    /// The log entry naming the open trade on instrument <paramref name="id"/> with <paramref name="symbol"/>: the trade's
    /// own, or (should an event of the trade carry another symbol string) a new entry with that one, so every event
    /// reads back exactly as it was given.
    /// </summary>
    private int EntryOf(int id, (string? Id, int Entry) trade, string symbol)
    {
        if (string.Equals(_events.SymbolOf(trade.Entry), symbol, StringComparison.Ordinal)) return trade.Entry;
        var entry = _events.AddTrade(trade.Id!, symbol);
        if (_openTrade[id].Id is not null) _openTrade[id] = (trade.Id, entry);
        return entry;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private MonitoringRisk Risk()
    {
        var exposure = _risk.Exposure;
        exposure.Compute(_portfolio, _prices);
        _risk.Model.Prepare(_portfolio, _prices, exposure.Currencies);
        var eq = _portfolio.Equity > 0 ? _portfolio.Equity : double.NaN;
        var ni = 0;
        for (var c = 1; c < exposure.Currencies.Count; c++)
            if (Math.Abs(exposure.NetOf(c)) > Math.Abs(exposure.NetOf(ni))) ni = c;
        double gross = 0;
        for (var c = 0; c < exposure.Currencies.Count; c++) gross = Math.Max(gross, exposure.GrossOf(c));
        var dd = _portfolio.PeakEquity > 0 ? Math.Max(0, (_portfolio.PeakEquity - _portfolio.Equity) / _portfolio.PeakEquity) : 0;
        return new MonitoringRisk(gross / eq, exposure.NetOf(ni) / eq, exposure.Currencies[ni].Code, exposure.GrossNotional / eq,
            _risk.Model.ValueAtRisk / eq, dd);
    }

    /// <summary>Writes every event as one JSON object per line (snake_case), for reports and the trade monitor.</summary>
    public void WriteJsonLines(string path)
    {
        var tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        {
            foreach (var e in _events)
            {
                using (var w = new Utf8JsonWriter(fs))
                {
                    w.WriteStartObject();
                    w.WriteString("trade_id", e.TradeId);
                    w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                    w.WriteString("timestamp", e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    w.WriteString("symbol", e.Symbol);
                    w.WriteNumber("position", e.Position);
                    Num(w, "average_price", e.AveragePrice);
                    w.WriteStartObject("pnl");
                    Num(w, "realised", e.RealisedPnl);
                    Num(w, "unrealised", e.UnrealisedPnl);
                    w.WriteEndObject();
                    w.WriteStartObject("risk_metrics");
                    Num(w, "gross_exposure", e.RiskMetrics.GrossExposure);
                    Num(w, "max_net_currency_exposure", e.RiskMetrics.MaxNetCurrencyExposure);
                    w.WriteString("max_net_currency", e.RiskMetrics.MaxNetCurrency);
                    Num(w, "leverage", e.RiskMetrics.Leverage);
                    Num(w, "var", e.RiskMetrics.VarFraction);
                    Num(w, "drawdown", e.RiskMetrics.Drawdown);
                    w.WriteEndObject();
                    if (e.Execution is { } x)
                    {
                        w.WriteStartObject("execution_quality");
                        w.WriteString("decision_id", x.DecisionId);
                        Num(w, "decision_price", x.DecisionPrice);
                        Num(w, "fill_price", x.FillPrice);
                        Num(w, "slippage_pips", x.SlippagePips);
                        w.WriteNumber("latency_ms", x.Latency.TotalMilliseconds);
                        w.WriteEndObject();
                    }
                    else w.WriteNull("execution_quality");
                    w.WriteEndObject();
                }
                fs.WriteByte((byte)'\n');
            }
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}
