using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Execution;

/// <summary>
/// A venue: the simulated broker today, live adapters later. The execution engine hands it orders that
/// passed validation (state Submitted); the client answers through the <see cref="IExecutionSink"/>,
/// synchronously or later, with acceptance, rejection, fills, cancels and expiries.
/// </summary>
public interface IExecutionClient
{
    string Name { get; }

    /// <summary>Called once by the execution engine before any order.</summary>
    void Attach(IExecutionSink sink);

    void Submit(Order order);

    void Cancel(Order order, string reason);

    /// <summary>Changes quantity and/or prices of a working order (already validated); confirm with <see cref="IExecutionSink.Updated"/>.</summary>
    void Modify(Order order, decimal? quantity, decimal? limitPrice, decimal? stopPrice);
}

/// <summary>What a venue reports back. Implemented by the execution engine (the OMS).</summary>
public interface IExecutionSink
{
    void Accepted(Order order);
    void Rejected(Order order, RejectReason reason, string message);
    void Triggered(Order order);
    void Filled(Order order, Fill fill);
    void Cancelled(Order order, string reason);
    void Expired(Order order);
    void Updated(Order order, string reason);
    void ModifyRejected(Order order, RejectReason reason, string message);

    /// <summary>The broker charged (or credited) a rollover: signed cash effect in the quote currency.</summary>
    void SwapCharged(Position position, decimal amountInQuote, int days);

    void Margin(MarginEvent marginEvent);

    /// <summary>Creates, registers and accepts a broker-initiated market order that closes the position (stop-out).</summary>
    Order CreateLiquidationOrder(Position position, string reason);
}

/// <summary>A pre-trade check run on every new order before it reaches the venue (risk limits, kill switch).</summary>
public interface IPreTradeCheck
{
    /// <summary>Returns <see cref="Rejection.None"/> to let the order through.</summary>
    Rejection Check(OrderRequest request, Account account);
}
