using System.Globalization;
using Platform3.Core.Domain;

namespace Platform3.Trading.Accounting;

/// <summary>
/// The account's cash book in the account currency, exact to the minor unit. Every posting is rounded to
/// the minor unit (cents, or yen) before it is booked, so the running totals reconcile exactly:
/// balance = deposits − withdrawals + Σ realised − commissions − swaps.
/// </summary>
public sealed class Ledger
{
    private readonly LedgerEntryLog _entries = new();

    public Ledger(Currency currency)
    {
        Currency = currency;
        _minorUnits = Money.MinorUnits(currency);
    }

    public Currency Currency { get; }
    public IReadOnlyList<LedgerEntry> Entries => _entries;
    public decimal Balance { get; private set; }
    public decimal Deposits { get; private set; }
    public decimal Withdrawals { get; private set; }
    public decimal RealisedPnl { get; private set; }
    /// <summary>Commissions paid (positive = paid).</summary>
    public decimal Commissions { get; private set; }
    /// <summary>Net swap paid (positive = paid, negative = net credit received).</summary>
    public decimal Swaps { get; private set; }

    /// <summary>Rounds an account-currency amount to the minor unit (banker's rounding, as <see cref="Money"/> does).</summary>
    public decimal Round(decimal amount) => amount.Scale <= _minorUnits ? amount : Math.Round(amount, _minorUnits, MidpointRounding.ToEven);

    private readonly int _minorUnits;

    /// <summary>Books a movement. <paramref name="amount"/> is the signed balance effect, already in the account currency; it is rounded here.</summary>
    public LedgerEntry Post(DateTime time, LedgerEntryKind kind, decimal amount, Currency originalCurrency, decimal originalAmount,
        decimal rate, long positionId = 0, Orders.OrderId? orderId = null, string? symbol = null, string? note = null)
    {
        var booked = Book(time, kind, amount, originalCurrency, originalAmount, rate, positionId, orderId, symbol, note);
        return new LedgerEntry
        {
            Sequence = _entries.Count,
            Time = time,
            Kind = kind,
            Amount = booked,
            BalanceAfter = Balance,
            OriginalCurrency = originalCurrency,
            OriginalAmount = originalAmount,
            Rate = rate,
            PositionId = positionId,
            OrderId = orderId,
            Symbol = symbol,
            Note = note,
        };
    }

    /// <summary>As <see cref="Post"/>, returning only the booked (rounded) amount: the fill path needs no entry object.</summary>
    internal decimal Book(DateTime time, LedgerEntryKind kind, decimal amount, Currency originalCurrency, decimal originalAmount,
        decimal rate, long positionId, Orders.OrderId? orderId, string? symbol, string? note)
    {
        var booked = Round(amount);
        switch (kind)
        {
            case LedgerEntryKind.Deposit:
                if (booked <= 0) throw new ArgumentOutOfRangeException(nameof(amount), "a deposit must be positive");
                Deposits += booked;
                break;
            case LedgerEntryKind.Withdrawal:
                if (booked >= 0) throw new ArgumentOutOfRangeException(nameof(amount), "a withdrawal is a negative movement");
                Withdrawals -= booked;
                break;
            case LedgerEntryKind.RealisedPnl: RealisedPnl += booked; break;
            case LedgerEntryKind.Commission: Commissions -= booked; break;
            case LedgerEntryKind.Swap: Swaps -= booked; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
        Balance += booked;
        _entries.Add(time, kind, booked, Balance, originalCurrency, originalAmount, rate, positionId, orderId, symbol, note);
        return booked;
    }

    /// <summary>
    /// Re-adds every entry from scratch and checks both the running balance and the identity
    /// balance = deposits − withdrawals + Σ realised − commissions − swaps. Returns null when all holds.
    /// </summary>
    public string? CheckIdentity() => HoldsInMinorUnits() ? null : CheckIdentityExact();

    /// <summary>
    /// The identity check in whole minor units (cents), for the usual ledger whose amounts, balances and totals are all
    /// already rounded to the minor unit: then each decimal sum and comparison of <see cref="CheckIdentityExact"/> is the
    /// same sum and comparison of integers (the values are exact either way, and a value rounded to the minor unit equals
    /// its rounding). True only when every check holds; anything else (a finer amount, a spilled value, a failed check)
    /// leaves the answer, and the message, to the decimal path.
    /// </summary>
    internal bool HoldsInMinorUnits()
    {
        var minor = _minorUnits;
        // Below 2^24 entries of under 2^66 minor units each (up to three decimals), every decimal sum of the exact path stays below 2^90: exact,
        // as the integer sums are.
        if (_entries.Count >= 1 << 24 || minor > 3) return false;
        Int128 balance = 0;
        var totals = new Totals<Int128>();
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!_entries.TryMovementInMinorUnits(i, minor, out var kind, out var amount, out var balanceAfter)) return false;
            balance += amount;
            if (balance != balanceAfter) return false;
            totals.Add(kind, amount);
        }
        return InMinorUnits(Balance, minor, out var b) && b == balance
            && InMinorUnits(Deposits, minor, out var d) && d == totals.Deposits
            && InMinorUnits(Withdrawals, minor, out var w) && w == totals.Withdrawals
            && InMinorUnits(RealisedPnl, minor, out var r) && r == totals.Realised
            && InMinorUnits(Commissions, minor, out var c) && c == totals.Commissions
            && InMinorUnits(Swaps, minor, out var sw) && sw == totals.Swaps
            && d - w + r - c - sw == b;
    }

    /// <summary>The value in minor units when it has at most <paramref name="minor"/> decimals (false for a finer value).</summary>
    internal static bool InMinorUnits(decimal value, int minor, out Int128 units)
    {
        units = 0;
        var scale = value.Scale;
        if (scale > minor) return false;
        Span<int> b = stackalloc int[4];
        decimal.GetBits(value, b);
        var coefficient = ((Int128)(uint)b[2] << 64) | ((Int128)(uint)b[1] << 32) | (uint)b[0];
        for (var k = scale; k < minor; k++) coefficient *= 10;
        units = b[3] < 0 ? -coefficient : coefficient;
        return true;
    }

    /// <summary>The identity check in decimals (every case; the message names what differs).</summary>
    internal string? CheckIdentityExact()
    {
        decimal balance = 0;
        var totals = new Totals<decimal>();
        for (var i = 0; i < _entries.Count; i++)
        {
            var (kind, amount, balanceAfter) = _entries.Movement(i);
            balance += amount;
            if (balance != balanceAfter)
                return string.Create(CultureInfo.InvariantCulture, $"entry #{i + 1}: running balance {balance} but entry says {balanceAfter}");
            if (amount != Round(amount))
                return string.Create(CultureInfo.InvariantCulture, $"entry #{i + 1}: {amount} is not rounded to the minor unit");
            totals.Add(kind, amount);
        }
        if (balance != Balance) return $"sum of entries {balance} differs from the balance {Balance}";
        if (totals.Deposits != Deposits || totals.Withdrawals != Withdrawals || totals.Realised != RealisedPnl || totals.Commissions != Commissions
            || totals.Swaps != Swaps)
            return "a running total differs from the sum of its entries";
        var identity = Deposits - Withdrawals + RealisedPnl - Commissions - Swaps;
        if (identity != Balance)
            return string.Create(CultureInfo.InvariantCulture,
                $"balance {Balance} ≠ deposits {Deposits} − withdrawals {Withdrawals} + realised {RealisedPnl} − commissions {Commissions} − swaps {Swaps} = {identity}");
        return null;
    }

    /// <summary>The running totals as the ledger keeps them, summed from entries (in decimals, or in minor units).</summary>
    private struct Totals<T> where T : System.Numerics.INumber<T>
    {
        public T Deposits, Withdrawals, Realised, Commissions, Swaps;

        public Totals()
        {
            Deposits = Withdrawals = Realised = Commissions = Swaps = T.Zero;
        }

        /// <summary>Deposits and realised P&amp;L as they come; withdrawals, commissions and swaps are negative movements, counted as paid.</summary>
        public void Add(LedgerEntryKind kind, T amount)
        {
            switch (kind)
            {
                case LedgerEntryKind.Deposit: Deposits += amount; break;
                case LedgerEntryKind.Withdrawal: Withdrawals -= amount; break;
                case LedgerEntryKind.RealisedPnl: Realised += amount; break;
                case LedgerEntryKind.Commission: Commissions -= amount; break;
                case LedgerEntryKind.Swap: Swaps -= amount; break;
            }
        }
    }
}
