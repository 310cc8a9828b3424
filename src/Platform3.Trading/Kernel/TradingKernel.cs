using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Execution;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Kernel;

/// <summary>How a kernel is set up: the account and the instruments it prices.</summary>
public sealed record KernelConfig
{
    public Currency AccountCurrency { get; init; } = Currency.USD;
    public decimal InitialBalance { get; init; } = 100_000m;
    public PositionMode PositionMode { get; init; } = PositionMode.Netting;
    public InstrumentCatalog Instruments { get; init; } = InstrumentCatalog.Builtin;
    public FxCalendar Calendar { get; init; } = FxCalendar.Default;
    /// <summary>The instruments the strategies trade.</summary>
    public required IReadOnlyList<Instrument> Universe { get; init; }
    /// <summary>Extra priced instruments used only to convert P&amp;L and margin to the account currency.</summary>
    public IReadOnlyList<Instrument> ConversionInstruments { get; init; } = [];
    public IMarginModel Margin { get; init; } = new LeverageMarginModel();
    /// <summary>The timeframe strategies trade on by default; null for the feed's own timeframe.</summary>
    public Timeframe? StrategyTimeframe { get; init; }
}

/// <summary>
/// The one engine every mode shares: clock, message bus, quote book, account, execution engine (OMS),
/// data engine, timers and strategy host. Backtest, paper and live differ only in the clock, the data feed
/// that drives <see cref="Data"/> and the <see cref="IExecutionClient"/> behind <see cref="Execution"/>.
/// </summary>
public sealed class TradingKernel
{
    public TradingKernel(KernelConfig config, EngineClock clock, Func<TradingKernel, IExecutionClient> venue)
    {
        Config = config;
        Clock = clock;
        Calendar = config.Calendar;
        Instruments = config.Instruments;
        Universe = config.Universe;
        Bus = new MessageBus();
        Quotes = new QuoteBook(config.Instruments.Count);
        var priced = config.Universe.Concat(config.ConversionInstruments).Distinct().ToArray();
        Converter = new CurrencyConverter(config.AccountCurrency, Quotes, priced);
        foreach (var i in config.Universe)
        {
            if (!Converter.CanConvert(i.Quote) || !Converter.CanConvert(i.Base))
                throw new Core.Errors.UsageException(
                    $"{i.Symbol}: cannot convert {i.Quote} and {i.Base} to the account currency {config.AccountCurrency} with the priced pairs " +
                    $"({string.Join(", ", priced.Select(p => p.Symbol))}).");
        }
        Account = new Account(new Ledger(config.AccountCurrency), config.PositionMode, Quotes, Converter, config.Margin, config.Instruments.Count);
        Timers = new TimerQueue();
        Strategies = new StrategyHost(this);
        Data = new DataEngine(Calendar, clock, Strategies);
        Venue = venue(this);
        Execution = new ExecutionEngine(clock, Bus, Account, Calendar, Venue)
        {
            OrderEventSink = Strategies.DeliverOrderEvent,
        };
    }

    public KernelConfig Config { get; }
    public EngineClock Clock { get; }
    public FxCalendar Calendar { get; }
    public InstrumentCatalog Instruments { get; }
    public IReadOnlyList<Instrument> Universe { get; }
    public MessageBus Bus { get; }
    public QuoteBook Quotes { get; }
    public CurrencyConverter Converter { get; }
    public Account Account { get; }
    public ExecutionEngine Execution { get; }
    public IExecutionClient Venue { get; }
    public DataEngine Data { get; }
    public TimerQueue Timers { get; }
    public StrategyHost Strategies { get; }
    /// <summary>The run's strategy timeframe: the configured one, else the feed timeframe of the first traded instrument.</summary>
    public Timeframe StrategyTimeframe =>
        Config.StrategyTimeframe ?? (Universe.Count > 0 && Data.FeedTimeframe(Universe[0]) is { } tf ? tf : Timeframe.M1);

    /// <summary>Where strategies' Log lines go (null: dropped).</summary>
    public Action<string>? Log { get; set; }

    public void AddStrategy(Strategy strategy, StrategyParameters? parameters = null) =>
        Strategies.Add(strategy, parameters ?? new StrategyParameters());

    /// <summary>Deposits the initial balance and starts the strategies (they subscribe and schedule here).</summary>
    public void Start()
    {
        if (Config.InitialBalance > 0) Account.Deposit(Clock.UtcNow, Config.InitialBalance, "initial deposit");
        Strategies.StartAll();
    }

    public void Stop() => Strategies.StopAll();

    /// <summary>Fires the timers due up to now.</summary>
    // The delivery delegate is made once: a method group of an instance method is a new delegate at each use.
    public void FireTimers(long nowTicks) => Timers.FireDue(nowTicks, Clock, _deliverTimer ??= Strategies.DeliverTimer);

    private Action<Strategy, TimerEvent>? _deliverTimer;
}
