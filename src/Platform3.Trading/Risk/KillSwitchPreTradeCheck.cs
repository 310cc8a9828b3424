using Platform3.Trading.Execution;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Risk;

/// <summary>
/// The kill switch at the OMS: while halted, every new order that is not reduce-only is refused, whichever
/// strategy sent it. Reduce-only orders (closing, flattening, stop-loss and take-profit children) still pass.
/// </summary>
public sealed class KillSwitchPreTradeCheck(KillSwitch killSwitch) : IPreTradeCheck
{
    public Rejection Check(OrderRequest request, Account account)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ReduceOnly) return Rejection.None;
        killSwitch.Refresh();
        var s = killSwitch.State;
        return s.Halted
            ? new Rejection(RejectReason.PreTradeCheck, $"kill switch: trading is halted ({KillSwitch.Name(s.Source)}: {s.Reason}); run 'p3 resume'")
            : Rejection.None;
    }
}
