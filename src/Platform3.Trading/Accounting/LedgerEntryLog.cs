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
        ref var r = ref _records.AddSlot();
        r.Time = e.Time;
        r.Amount = _decimals.Pack(e.Amount);
        r.BalanceAfter = _decimals.Pack(e.BalanceAfter);
        r.OriginalAmount = _decimals.Pack(e.OriginalAmount);
        r.Rate = _decimals.Pack(e.Rate);
        r.PositionId = e.PositionId;
        if (e.OrderId is { } id) { r.OrderId = id.Value; r.HasOrderId = true; }
        r.Currency = CurrencyNumber(e.OriginalCurrency);
        r.Symbol = _strings.Number(e.Symbol);
        r.Note = _strings.Number(e.Note);
        r.Kind = e.Kind;
    }

    private int CurrencyNumber(Currency c)
    {
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

    /// <summary>The kind, amount and balance of an entry, without building the rest (for the identity check).</summary>
    internal (LedgerEntryKind Kind, decimal Amount, decimal BalanceAfter) Movement(int index)
    {
        ref readonly var r = ref _records.RefAt(index);
        return (r.Kind, _decimals.Unpack(r.Amount), _decimals.Unpack(r.BalanceAfter));
    }
}
