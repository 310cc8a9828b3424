using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>A kernel with the simulated broker whose quotes the test sets by hand (no bar loop).</summary>
internal sealed class KernelFixture
{
    public KernelFixture(InstrumentCatalog? catalog = null, decimal balance = 100_000m, SimulationModels? models = null,
        string[]? symbols = null, PositionMode mode = PositionMode.Netting, Currency? account = null)
    {
        Catalog = catalog ?? InstrumentCatalog.Builtin;
        Models = models ?? Harness.Frictionless();
        Clock = EngineClock.Simulated(Bars.T0);
        var universe = (symbols ?? ["EURUSD"]).Select(Catalog.Get).ToArray();
        Kernel = new TradingKernel(new KernelConfig
        {
            Instruments = Catalog,
            InitialBalance = balance,
            Universe = universe,
            PositionMode = mode,
            Margin = Models.Margin,
            AccountCurrency = account ?? Currency.USD,
        }, Clock, k => Broker = new SimulatedBroker(Models, k.Account, FxCalendar.Default, Clock));
        Kernel.Start();
    }

    public InstrumentCatalog Catalog { get; }
    public SimulationModels Models { get; }
    public EngineClock Clock { get; }
    public TradingKernel Kernel { get; }
    public SimulatedBroker Broker { get; private set; } = null!;
    public Account Account => Kernel.Account;

    public KernelFixture Quote(string symbol, double bid, double ask)
    {
        Kernel.Quotes.Set(Catalog.Get(symbol).Id, bid, ask, Clock.UtcNowTicks);
        return this;
    }

    public Order Submit(OrderRequest request) => Kernel.Execution.Submit(request, "test");

    /// <summary>One bar for one instrument through the broker (open at the clock's time).</summary>
    public void Bar(string symbol, double o, double h, double l, double c, double spread, TimeSpan? length = null)
    {
        var instrument = Catalog.Get(symbol);
        var open = Clock.UtcNowTicks;
        var close = open + (length ?? TimeSpan.FromMinutes(1)).Ticks;
        Broker.BeginStep(open);
        Broker.AddBar(instrument, new Bar(new DateTime(open, DateTimeKind.Utc), o, h, l, c, o + spread, h + spread, l + spread, c + spread), close);
        Broker.RunStep();
        Broker.EndStep();
        Clock.AdvanceTo(close);
    }
}

/// <summary>A pre-trade check that refuses everything above a size.</summary>
internal sealed class MaxSizeCheck(decimal max) : Execution.IPreTradeCheck
{
    public Rejection Check(OrderRequest request, Account account) =>
        request.Quantity > max ? new Rejection(RejectReason.PreTradeCheck, $"risk: size {request.Quantity} above {max}") : Rejection.None;
}
