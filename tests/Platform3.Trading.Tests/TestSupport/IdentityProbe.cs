using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>
/// Checks the accounting identities after every event on the bus:
/// balance = deposits − withdrawals + Σ realised − commissions − swaps (re-added from the ledger entries),
/// equity = balance + unrealised (unrealised summed position by position from the quotes), and that the
/// positions' and trades' realised P&amp;L, commissions and swaps add up to the ledger's totals.
/// </summary>
internal sealed class IdentityProbe
{
    private IStrategyContext? _context;

    public int Checks { get; private set; }
    public List<string> Failures { get; } = [];

    public void Attach(IStrategyContext context)
    {
        _context = context;
        context.Bus.Subscribe<OrderEvent>(_ => Check("order event"));
        context.Bus.Subscribe<PositionEvent>(_ => Check("position event"));
        context.Bus.Subscribe<SwapEvent>(_ => Check("swap"));
        context.Bus.Subscribe<MarginEvent>(_ => Check("margin event"));
    }

    public void Check(string when)
    {
        var a = _context!.Account;
        Checks++;
        if (a.Ledger.CheckIdentity() is { } problem) { Failures.Add($"{when}: {problem}"); return; }
        decimal unrealised = 0;
        foreach (var p in a.OpenPositions)
        {
            var mark = (decimal)(p.Side == PositionSide.Long ? a.Quotes.Bid(p.Instrument.Id) : a.Quotes.Ask(p.Instrument.Id));
            unrealised += a.Converter.Convert(p.Quantity * (mark - p.AvgPrice) * p.Sign, p.Instrument.Quote);
        }
        var equity = a.Equity();
        if (equity != a.Ledger.Balance + unrealised)
            Failures.Add($"{when}: equity {equity} ≠ balance {a.Ledger.Balance} + unrealised {unrealised}");
        var realised = a.Trades.Sum(t => t.GrossPnl) + a.OpenPositions.Sum(p => p.RealisedPnl);
        if (realised != a.Ledger.RealisedPnl) Failures.Add($"{when}: positions' realised {realised} ≠ ledger {a.Ledger.RealisedPnl}");
        var commission = a.Trades.Sum(t => t.Commission) + a.OpenPositions.Sum(p => p.Commission);
        if (commission != a.Ledger.Commissions) Failures.Add($"{when}: positions' commissions {commission} ≠ ledger {a.Ledger.Commissions}");
        var swap = a.Trades.Sum(t => t.Swap) + a.OpenPositions.Sum(p => p.Swap);
        if (swap != a.Ledger.Swaps) Failures.Add($"{when}: positions' swaps {swap} ≠ ledger {a.Ledger.Swaps}");
    }
}
