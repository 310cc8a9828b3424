using System.Diagnostics;
using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Backtesting;

/// <summary>
/// Runs strategies over historical data on the shared kernel with the simulated broker. Time advances one
/// step at a time: all instruments' bars that close at the same time form a step. Per step: timers and
/// stale higher-timeframe bars due by the open, the broker's rollovers and expiries, the broker walks the
/// bars' paths (fills), then at the close the strategies get the bars, timers due by the close fire and
/// the equity is sampled. The same inputs always give the same output.
/// </summary>
public sealed class BacktestEngine(BacktestSettings settings)
{
    public BacktestSettings Settings { get; } = settings;

    public BacktestResult Run(MarketDataSet data, Strategy strategy, StrategyParameters? parameters = null) =>
        Run(data, [(strategy, parameters ?? new StrategyParameters())]);

    public BacktestResult Run(MarketDataSet data, IReadOnlyList<(Strategy Strategy, StrategyParameters Parameters)> strategies)
    {
        var feeds = data.Feeds;
        if (feeds.Count == 0 || data.TotalPoints == 0) throw new Core.Errors.DataException("No data to backtest: every series is empty.");
        if (data.Traded.Count == 0) throw new Core.Errors.UsageException("No traded instrument in the data set.");
        var sw = Stopwatch.StartNew();
        var calendar = Settings.Calendar;
        var tf = feeds[0].Timeframe;
        var start = FirstTime(feeds);
        var clock = EngineClock.Simulated(new DateTime(start, DateTimeKind.Utc));
        SimulatedBroker? broker = null;
        var kernel = new TradingKernel(new KernelConfig
        {
            AccountCurrency = Settings.AccountCurrency,
            InitialBalance = Settings.InitialBalance,
            PositionMode = Settings.PositionMode,
            Instruments = Settings.Instruments,
            Calendar = calendar,
            Universe = data.Traded,
            ConversionInstruments = data.ConversionOnly,
            Margin = Settings.Models.Margin,
            StrategyTimeframe = Settings.StrategyTimeframe,
        }, clock, k => broker = new SimulatedBroker(Settings.Models, k.Account, calendar, clock))
        {
            Log = Settings.Log,
        };
        kernel.Execution.RecordEvents = Settings.RecordEvents;
        kernel.Execution.RemembersValidSize = Settings.OrderMemoShortcut;
        kernel.Execution.DirectMarketEvents = Settings.DirectOrderEvents;
        broker!.ProveQuietMargin = Settings.MarginBoundShortcut;
        broker.FinishProvedWalks = Settings.WalkFinishShortcut;
        foreach (var check in Settings.PreTradeChecks) kernel.Execution.AddPreTradeCheck(check);
        kernel.Strategies.DiagnosticsEnabled = Settings.Diagnostics;
        foreach (var f in feeds) kernel.Data.MarkFeed(f.Instrument, f.Timeframe);
        var margins = new List<MarginEvent>();
        kernel.Bus.Subscribe<MarginEvent>(margins.Add);
        foreach (var (s, p) in strategies) kernel.AddStrategy(s, p);

        kernel.Start();
        foreach (var (s, p) in strategies) p.EnsureAllUsed(s.Name);

        var curve = new EquityCurve(feeds.Max(f => f.Count) + 1);
        var steps = tf.IsTick ? RunTicks(kernel, broker!, feeds, curve)
            : feeds.Count == 1 && Settings.FusedSingleFeed ? RunSingleFeed(kernel, broker!, feeds[0], curve)
            : RunBars(kernel, broker!, feeds, curve);

        if (Settings.CloseAtEnd)
        {
            kernel.Execution.Flatten("backtest", null, "backtest end");
            broker!.FillMarketOrdersAtLastQuotes();
            if (curve.Count > 0) curve.Add(clock.UtcNowTicks, kernel.Account.EquityD(), kernel.Account.BalanceD);
        }
        kernel.Stop();
        var end = clock.UtcNow;
        var ledger = kernel.Account.Ledger;
        return new BacktestResult
        {
            Settings = Settings,
            Strategies = strategies.Select(s => s.Strategy.Id).ToArray(),
            Parameters = strategies.SelectMany(s => s.Parameters.Values.Select(kv => (s.Strategy.Id, kv)))
                .ToDictionary(x => strategies.Count == 1 ? x.kv.Key : $"{x.Item1}.{x.kv.Key}", x => x.kv.Value),
            Universe = data.Traded,
            DataTimeframe = tf,
            Start = new DateTime(start, DateTimeKind.Utc),
            End = end,
            // The kernel is finished: its lists are handed over as they are, without copies.
            Trades = kernel.Account.Trades,
            Orders = kernel.Execution.Orders,
            OrderEvents = kernel.Execution.Events,
            Ledger = ledger.Entries,
            MarginEvents = margins,
            Equity = curve,
            Final = kernel.Account.Snapshot(end),
            Costs = new CostSummary(ledger.Round(kernel.Execution.SpreadCostTotal), ledger.Round(kernel.Execution.SlippageCostTotal), ledger.Commissions, ledger.Swaps),
            BarsProcessed = data.TotalPoints,
            Steps = steps,
            StepsProvedQuiet = broker!.StepsProvedQuiet,
            WalksProvedQuiet = broker.WalksProvedQuiet,
            WalksFinishedQuietly = broker.WalksFinishedQuietly,
            DirectMarketOrders = kernel.Execution.DirectMarketOrders,
            StepsInQuietLane = broker.StepsInQuietLane,
            Elapsed = sw.Elapsed,
            LedgerProblem = ledger.CheckIdentity(),
            Diagnostics = kernel.Strategies.Diagnostics.ToDictionary(kv => kv.Key, kv => kv.Value),
            PriceSeries = feeds.Where(f => f.Traded && f.Bars is not null).ToDictionary(f => f.Instrument.Symbol, f => f.Bars!),
        };
    }

    private static long FirstTime(IReadOnlyList<Feed> feeds)
    {
        var t = long.MaxValue;
        foreach (var f in feeds)
        {
            if (f.Count == 0) continue;
            t = Math.Min(t, f.Bars is { } b ? b.Time[0] : f.Ticks!.Time[0]);
        }
        return t;
    }

    // Called once per run with a long loop inside: compile it fully optimised at once instead of through tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private long RunBars(TradingKernel kernel, SimulatedBroker broker, IReadOnlyList<Feed> feeds, EquityCurve curve)
    {
        var calendar = Settings.Calendar;
        var n = feeds.Count;
        var series = feeds.Select(f => f.Bars!).ToArray();
        var instruments = feeds.Select(f => f.Instrument).ToArray();
        var cursor = new int[n];
        var closes = new long[n];
        var tf = series[0].Timeframe;
        var duration = tf.DurationTicks;
        var fixedLength = duration <= TimeSpan.TicksPerHour;
        var inStep = new bool[n];
        // Each feed's next bars, copied from its columns a block at a time: reading a bar per step from every column of
        // every feed is one memory stream per column and feed (ten pairs: some sixty), more than the processor's
        // prefetchers follow; a block copy reads one feed's columns in a burst.
        var blocks = new Core.Domain.Bar[n][];
        var blockStart = new int[n];
        var account = kernel.Account;
        var data = kernel.Data;
        var clock = kernel.Clock;
        long steps = 0;
        for (var k = 0; k < n; k++)
        {
            blocks[k] = new Core.Domain.Bar[BarBlock];
            LoadBlock(series[k], blocks[k], 0);
            closes[k] = series[k].Count > 0 ? CloseOf(blocks[k][0].Time.Ticks) : long.MaxValue;
        }

        long CloseOf(long open) => fixedLength ? open + duration : calendar.BarCloseUtcTicks(tf, open);

        var timeframes = feeds.Select(f => f.Timeframe).ToArray();
        // The strategy handling a bar, for the error (one protected region for the whole loop, as in RunSingleFeed).
        Strategy? handling = null;
        try
        {
            while (true)
            {
                var stepClose = long.MaxValue;
                for (var k = 0; k < n; k++)
                    if (closes[k] < stepClose) stepClose = closes[k];
                if (stepClose == long.MaxValue) break;
                var stepOpen = long.MaxValue;
                var only = -1;
                for (var k = 0; k < n; k++)
                {
                    inStep[k] = closes[k] == stepClose;
                    if (!inStep[k]) continue;
                    stepOpen = Math.Min(stepOpen, blocks[k][cursor[k] - blockStart[k]].Time.Ticks);
                    only = only == -1 ? k : -2;
                }

                // Everything due by the open happens before the bars are traded through.
                if (data.HasAggregates) data.FlushStale(stepOpen);
                if (kernel.Timers.NextDueTicks <= stepOpen) kernel.FireTimers(stepOpen);
                broker.BeginStep(stepOpen);
                // A lone bar in which nothing can happen takes the broker's short way; anything else the full one.
                if (only < 0 || !Settings.QuietStepShortcut || !broker.TryQuietStep(instruments[only], in blocks[only][cursor[only] - blockStart[only]], stepClose))
                {
                    for (var k = 0; k < n; k++)
                        if (inStep[k]) broker.AddBar(instruments[k], in blocks[k][cursor[k] - blockStart[k]], stepClose);
                    broker.RunStep();
                    broker.EndStep();
                }

                // The bars are known now, at their close.
                clock.AdvanceTo(stepClose);
                var closeTime = new DateTime(stepClose, DateTimeKind.Utc);
                for (var k = 0; k < n; k++)
                {
                    if (!inStep[k]) continue;
                    // DataEngine.OnFeedBar, its delivery to the subscribers inline.
                    var subscribers = data.DirectSubscribers(instruments[k].Id);
                    if (subscribers.Length == 0 && !data.HasAggregates) continue;
                    var e = new BarEvent(instruments[k], timeframes[k], in blocks[k][cursor[k] - blockStart[k]], closeTime);
                    for (var s = 0; s < subscribers.Length; s++)
                    {
                        handling = subscribers[s];
                        handling.OnBar(e);
                    }
                    handling = null;
                    if (data.HasAggregates) data.AggregateFeedBar(in e);
                }
                if (data.HasAggregates) data.DeliverCompleted();
                if (kernel.Timers.NextDueTicks <= stepClose) kernel.FireTimers(stepClose);
                curve.Add(stepClose, account.EquityD(), account.BalanceD);

                for (var k = 0; k < n; k++)
                {
                    if (!inStep[k]) continue;
                    var i = ++cursor[k];
                    if (i >= series[k].Count)
                    {
                        closes[k] = long.MaxValue;
                        continue;
                    }
                    if (i - blockStart[k] == BarBlock)
                    {
                        LoadBlock(series[k], blocks[k], i);
                        blockStart[k] = i;
                    }
                    closes[k] = CloseOf(blocks[k][i - blockStart[k]].Time.Ticks);
                }
                steps++;
            }
        }
        catch (Exception ex) when (handling is not null && ex is not StrategyException) { throw kernel.Strategies.Wrap(handling, "OnBar", ex); }
        return steps;
    }

    private const int BarBlock = 64;

    /// <summary>Copies the series' bars from <paramref name="start"/> on into the block (as many as there are).</summary>
    private static void LoadBlock(Core.Domain.BarSeries series, Core.Domain.Bar[] block, int start)
    {
        var end = Math.Min(series.Count, start + block.Length);
        for (var i = start; i < end; i++) block[i - start] = series[i];
    }

    /// <summary>
    /// <see cref="RunBars"/> for the common case of one instrument's bars: every bar is a step of its own, so the
    /// step needs no search over feeds and no staging arrays. The bar event is built once from the columns and
    /// handed by reference to the broker and to the strategies. Each step does what RunBars does for it, in the
    /// same order, through the same kernel, broker and strategy code.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private long RunSingleFeed(TradingKernel kernel, SimulatedBroker broker, Feed feed, EquityCurve curve)
    {
        var calendar = Settings.Calendar;
        var quietShortcut = Settings.QuietStepShortcut;
        var series = feed.Bars!;
        var instrument = feed.Instrument;
        var tf = series.Timeframe;
        var duration = tf.DurationTicks;
        var fixedLength = duration <= TimeSpan.TicksPerHour;
        var account = kernel.Account;
        var data = kernel.Data;
        var clock = kernel.Clock;
        var timers = kernel.Timers;
        var time = series.Time;
        var count = series.Count;
        broker.EveryStepHasEveryBar = true;
        var id = instrument.Id;
        var laneOn = quietShortcut && Settings.QuietLane && fixedLength;
        // Armed after a quiet bar of the regular path, it takes the quiet bars that follow (BeginStep and TryQuietStep in one).
        SimulatedBroker.QuietLane? lane = null;
        // The strategy handling the bar, for the error (one protected region for the whole loop instead of a call
        // with its own per bar; exceptions anywhere else pass through as they are).
        Strategy? handling = null;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var open = time[i];
                var close = fixedLength ? open + duration : calendar.BarCloseUtcTicks(tf, open);
                if (data.HasAggregates) data.FlushStale(open);
                if (timers.NextDueTicks <= open) kernel.FireTimers(open);
                var e = new BarEvent(instrument, tf, series[i], new DateTime(close, DateTimeKind.Utc));
                // After a regular step (a fill, say) the lane takes this bar already, unless an order now works (the strategy,
                // timers or stale bars since placed one): not one more bar of the regular path first.
                lane ??= broker.ArmQuietLaneAfterStep(instrument);
                // The lane takes a quiet bar as BeginStep and TryQuietStep would (it sees what the timers and stale bars did).
                if (lane is null || !lane.Step(in e.Bar, open, close))
                {
                    lane?.Leave();
                    lane = null;
                    broker.BeginStep(open);
                    if (!quietShortcut || !broker.TryQuietStep(instrument, in e.Bar, close))
                    {
                        broker.AddBar(instrument, in e.Bar, close);
                        broker.RunStep();
                        broker.EndStep();
                        if (laneOn) broker.ArmAtNextBar();
                    }
                    else if (laneOn) lane = broker.ArmQuietLane(instrument);
                }
                clock.AdvanceTo(close);
                // DataEngine.OnFeedBar, its delivery to the subscribers inline.
                var subscribers = data.DirectSubscribers(id);
                for (var s = 0; s < subscribers.Length; s++)
                {
                    // Called through the loaded reference: the catch's copy is only stored (reading the call target back
                    // from that stack slot put a store-to-load round trip in front of every bar's call).
                    var strategy = subscribers[s];
                    handling = strategy;
                    strategy.OnBar(e);
                }
                handling = null;
                if (data.HasAggregates)
                {
                    data.AggregateFeedBar(in e);
                    data.DeliverCompleted();
                }
                if (timers.NextDueTicks <= close) kernel.FireTimers(close);
                curve.Add(close, lane is null ? account.EquityD() : lane.Equity(), account.BalanceD);
            }
            lane?.Leave();
        }
        catch (Exception ex) when (handling is not null && ex is not StrategyException) { throw kernel.Strategies.Wrap(handling, "OnBar", ex); }
        return count;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long RunTicks(TradingKernel kernel, SimulatedBroker broker, IReadOnlyList<Feed> feeds, EquityCurve curve)
    {
        var n = feeds.Count;
        var ticks = feeds.Select(f => f.Ticks!).ToArray();
        var instruments = feeds.Select(f => f.Instrument).ToArray();
        var cursor = new int[n];
        var inStep = new bool[n];
        var account = kernel.Account;
        var data = kernel.Data;
        var clock = kernel.Clock;
        long steps = 0;
        while (true)
        {
            var t = long.MaxValue;
            for (var k = 0; k < n; k++)
                if (cursor[k] < ticks[k].Count && ticks[k].Time[cursor[k]] < t) t = ticks[k].Time[cursor[k]];
            if (t == long.MaxValue) break;
            data.FlushStale(t);
            if (kernel.Timers.NextDueTicks <= t) kernel.FireTimers(t);
            broker.BeginStep(t);
            for (var k = 0; k < n; k++)
            {
                inStep[k] = cursor[k] < ticks[k].Count && ticks[k].Time[cursor[k]] == t;
                if (inStep[k]) broker.AddQuote(instruments[k], ticks[k].Bid[cursor[k]], ticks[k].Ask[cursor[k]], t);
            }
            broker.RunStep();
            broker.EndStep();
            clock.AdvanceTo(t);
            for (var k = 0; k < n; k++)
                if (inStep[k]) { data.OnQuote(instruments[k], ticks[k][cursor[k]]); cursor[k]++; }
            data.DeliverCompleted();
            curve.Add(t, account.EquityD(), account.BalanceD);
            steps++;
        }
        return steps;
    }
}
