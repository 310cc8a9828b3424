using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Accounting;

/// <summary>
/// The ledger's entries as compact records without references: amounts as <see cref="PackedDecimal"/>s,
/// symbol and note as numbers in a string table, the sequence implied by the position. An entry is about
/// half the size of a <see cref="LedgerEntry"/>, and the garbage collector never traces the chunks. Reading
/// builds the <see cref="LedgerEntry"/> (a struct: no allocation) with every field as it was posted.
/// </summary>
public sealed class LedgerEntryLog : ReadOnlyRecordList<LedgerEntry>
{
    private struct Record
    {
        public DateTime Time;
        public PackedDecimal Amount, BalanceAfter, OriginalAmount, Rate;
        public long PositionId;
        public long OrderId;
        public int Currency, Symbol, Note;
        public LedgerEntryKind Kind;
        public bool HasOrderId;
    }

    private readonly AppendOnlyList<Record> _records = new();
    private readonly PackedDecimals _decimals = new();
    private readonly StringTable _strings = new();
    private readonly List<Currency> _currencies = [];

    public override int Count => _records.Count;

    /// <summary>Appends an entry; its sequence must be the next one (Count + 1).</summary>
    internal void Add(in LedgerEntry e)
    {
        if (e.Sequence != _records.Count + 1L) throw new ArgumentException($"entry #{e.Sequence} out of sequence (next is #{_records.Count + 1})", nameof(e));
        Add(e.Time, e.Kind, e.Amount, e.BalanceAfter, e.OriginalCurrency, e.OriginalAmount, e.Rate, e.PositionId, e.OrderId, e.Symbol, e.Note);
    }

    /// <summary>Appends the next entry from its fields (the ledger's path: no <see cref="LedgerEntry"/> is built).</summary>
    internal void Add(DateTime time, LedgerEntryKind kind, decimal amount, decimal balanceAfter, Currency originalCurrency, decimal originalAmount,
        decimal rate, long positionId, OrderId? orderId, string? symbol, string? note)
    {
        ref var r = ref _records.AddSlot();
        r.Time = time;
        r.Amount = _decimals.Pack(amount);
        r.BalanceAfter = _decimals.Pack(balanceAfter);
        r.OriginalAmount = _decimals.Pack(originalAmount);
        r.Rate = _decimals.Pack(rate);
        r.PositionId = positionId;
        if (orderId is { } id) { r.OrderId = id.Value; r.HasOrderId = true; }
        r.Currency = CurrencyNumber(originalCurrency);
        r.Symbol = _strings.Number(symbol);
        r.Note = _strings.Number(note);
        r.Kind = kind;
    }

    private int CurrencyNumber(Currency c)
    {
        // The run's few currencies are the same code instances every time: compare those first, no string comparison.
        for (var i = 0; i < _currencies.Count; i++)
            if (ReferenceEquals(_currencies[i].Code, c.Code)) return i;
        for (var i = 0; i < _currencies.Count; i++)
            if (_currencies[i] == c) return i;
        _currencies.Add(c);
        return _currencies.Count - 1;
    }

    public override LedgerEntry this[int index]
    {
        get
        {
            CheckIndex(index);
            ref readonly var r = ref _records.RefAt(index);
            return new LedgerEntry
            {
                Sequence = index + 1L,
                Time = r.Time,
                Kind = r.Kind,
                Amount = _decimals.Unpack(r.Amount),
                BalanceAfter = _decimals.Unpack(r.BalanceAfter),
                OriginalCurrency = _currencies[r.Currency],
                OriginalAmount = _decimals.Unpack(r.OriginalAmount),
                Rate = _decimals.Unpack(r.Rate),
                PositionId = r.PositionId,
                OrderId = r.HasOrderId ? new OrderId(r.OrderId) : null,
                Symbol = _strings[r.Symbol],
                Note = _strings[r.Note],
            };
        }
    }

    /// <summary>
    /// The kind, amount and balance of an entry in whole minor units, straight from the packed bits; false when either value
    /// has more than <paramref name="minor"/> decimals or was spilled (the caller then works in decimals).
    /// </summary>
    internal bool TryMovementInMinorUnits(int index, int minor, out LedgerEntryKind kind, out Int128 amount, out Int128 balanceAfter)
    {
        ref readonly var r = ref _records.RefAt(index);
        kind = r.Kind;
        balanceAfter = 0;
        return InMinorUnits(r.Amount, minor, out amount) && InMinorUnits(r.BalanceAfter, minor, out balanceAfter);
    }

    // Minor units go to three decimals (a few dinars); beyond that the decimal path checks.
    private static readonly long[] Powers = [1, 10, 100, 1_000];

    private static bool InMinorUnits(PackedDecimal packed, int minor, out Int128 units)
    {
        units = 0;
        var bits = packed.Bits;
        var scale = (int)((bits >> 56) & 0x1F);
        if (packed.IsSpilled || scale > minor || minor - scale >= Powers.Length) return false;
        // A coefficient below 2^56 times at most 10^3: below 2^66.
        var coefficient = (Int128)(long)(bits & PackedDecimal.CoefficientMask) * Powers[minor - scale];
        units = (bits & PackedDecimal.SignFlag) != 0 ? -coefficient : coefficient;
        return true;
    }

    /// <summary>The kind, amount and balance of an entry, without building the rest (for the identity check).</summary>
    internal (LedgerEntryKind Kind, decimal Amount, decimal BalanceAfter) Movement(int index)
    {
        ref readonly var r = ref _records.RefAt(index);
        return (r.Kind, _decimals.Unpack(r.Amount), _decimals.Unpack(r.BalanceAfter));
    }
}
