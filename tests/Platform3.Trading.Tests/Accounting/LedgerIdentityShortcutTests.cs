using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;

namespace Platform3.Trading.Tests.Accounting;

/// <summary>
/// The ledger's identity check runs in whole minor units when every amount, balance and total is already rounded to the
/// minor unit, and in decimals otherwise. The integer path may only ever answer "holds" when the decimal path does, and
/// the check as a whole must give the decimal path's answer (its message included) for any ledger: consistent ones, and
/// ones with entries appended behind the ledger's back or totals that were tampered with.
/// </summary>
public class LedgerIdentityShortcutTests
{
    private static readonly DateTime T0 = new(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>An amount of the given decimals (a few with more decimals than the currency has, some large, zeros of either sign).</summary>
    private static decimal Amount(Random rng, int decimals)
    {
        // Up to 10^16: coefficients past 2^56 are kept spilled, which the integer path leaves to the decimals.
        var magnitude = rng.Next(400) == 0 ? 10_000_000_000_000_000m : rng.Next(4) switch { 0 => 100m, 1 => 1_000_000m, 2 => 100_000_000_000m, _ => 1m };
        var value = Math.Round((decimal)rng.NextDouble() * magnitude, decimals);
        if (rng.Next(20) == 0) value = 0m;
        if (rng.Next(40) == 0) value = new decimal(0, 0, 0, true, (byte)decimals);
        return rng.Next(2) == 0 ? -value : value;
    }

    private static Ledger RandomLedger(Random rng, out int minor, bool small = false)
    {
        var currency = rng.Next(3) == 0 ? Currency.JPY : Currency.USD;
        minor = Money.MinorUnits(currency);
        var ledger = new Ledger(currency);
        ledger.Post(T0, LedgerEntryKind.Deposit, rng.Next(1, 1_000_000) + rng.Next(100) / 100m, currency, 1m, 1m);
        var t = T0;
        for (var i = rng.Next(300); i > 0; i--)
        {
            t = t.AddMinutes(rng.Next(1, 1000));
            var kind = (LedgerEntryKind)(2 + rng.Next(3)); // realised, commission, swap: any sign
            // Posted amounts of any precision: the ledger rounds them to the minor unit.
            var amount = Amount(rng, rng.Next(8));
            ledger.Post(t, kind, small ? amount % 1_000_000m : amount, currency, Amount(rng, 5), 1m);
        }
        if (rng.Next(4) == 0) ledger.Post(t, LedgerEntryKind.Withdrawal, -rng.Next(1, 1000), currency, 1m, 1m);
        return ledger;
    }

    /// <summary>Breaks the ledger in one of the ways the check must catch (or keeps it whole).</summary>
    private static void Tamper(Ledger ledger, Random rng, int minor)
    {
        var entries = (LedgerEntryLog)ledger.Entries;
        var mode = rng.Next(8);
        switch (mode)
        {
            case 0: return; // whole
            case 6: // entries appended with the totals moved to match: a running balance off by a minor unit somewhere
            case 7: // or a kind no total counts (the balance moves, the identity breaks)
            {
                for (var n = rng.Next(1, 4); n > 0; n--)
                {
                    var kind = (LedgerEntryKind)(mode == 7 && rng.Next(2) == 0 ? 5 + rng.Next(2) : rng.Next(5));
                    var amount = Amount(rng, minor);
                    if (kind == LedgerEntryKind.Deposit) amount = Math.Abs(amount);
                    if (kind == LedgerEntryKind.Withdrawal) amount = -Math.Abs(amount);
                    var balance = ledger.Balance + amount;
                    var after = mode == 6 && rng.Next(3) == 0 ? balance + (minor == 0 ? 1m : 0.01m) : balance;
                    entries.Add(new LedgerEntry
                    {
                        Sequence = entries.Count + 1L, Time = T0, Kind = kind, Amount = amount, BalanceAfter = after,
                        OriginalCurrency = ledger.Currency, OriginalAmount = amount, Rate = 1m,
                    });
                    Move(ledger, "Balance", amount);
                    switch (kind)
                    {
                        case LedgerEntryKind.Deposit: Move(ledger, "Deposits", amount); break;
                        case LedgerEntryKind.Withdrawal: Move(ledger, "Withdrawals", -amount); break;
                        case LedgerEntryKind.RealisedPnl: Move(ledger, "RealisedPnl", amount); break;
                        case LedgerEntryKind.Commission: Move(ledger, "Commissions", -amount); break;
                        case LedgerEntryKind.Swap: Move(ledger, "Swaps", -amount); break;
                    }
                }
                return;
            }
            case 1: // an entry appended without moving the totals, its balance running on or not, rounded or finer
            {
                var amount = Amount(rng, rng.Next(2) == 0 ? minor : minor + 1 + rng.Next(3));
                var last = entries.Count == 0 ? 0m : entries[entries.Count - 1].BalanceAfter;
                var after = rng.Next(2) == 0 ? last + amount : last + amount + 0.01m;
                entries.Add(new LedgerEntry
                {
                    Sequence = entries.Count + 1L, Time = T0, Kind = (LedgerEntryKind)rng.Next(5), Amount = amount, BalanceAfter = after,
                    OriginalCurrency = ledger.Currency, OriginalAmount = amount, Rate = 1m,
                });
                return;
            }
            default: // one running total moved by a minor unit, by a finer amount, or rescaled to the same value
            {
                var name = new[] { "Balance", "Deposits", "Withdrawals", "RealisedPnl", "Commissions", "Swaps" }[rng.Next(6)];
                var property = typeof(Ledger).GetProperty(name)!;
                var value = (decimal)property.GetValue(ledger)!;
                var changed = rng.Next(3) switch { 0 => value + 1m, 1 => value + 0.001m, _ => value * 1.000m };
                property.SetValue(ledger, changed);
                return;
            }
        }
    }

    private static void Move(Ledger ledger, string total, decimal by)
    {
        var property = typeof(Ledger).GetProperty(total)!;
        property.SetValue(ledger, (decimal)property.GetValue(ledger)! + by);
    }

    [Property(MaxTest = 400)]
    public Property The_check_in_minor_units_gives_the_decimal_answer(int seed)
    {
        var rng = new Random(seed);
        var ledger = RandomLedger(rng, out var minor);
        Tamper(ledger, rng, minor);
        var fast = ledger.HoldsInMinorUnits();
        var exact = ledger.CheckIdentityExact();
        var answer = ledger.CheckIdentity();
        // Whatever the integers accept, the decimals accept; the answer is the decimal path's, message and all.
        return ((!fast || exact is null) && answer == exact)
            .Classify(fast, "checked in minor units")
            .Classify(exact is not null, "broken")
            .Label($"fast {fast}, exact '{exact}', answer '{answer}'");
    }

    [Property(MaxTest = 100)]
    public Property A_ledger_of_ordinary_amounts_is_checked_in_minor_units(int seed)
    {
        var rng = new Random(seed);
        var ledger = RandomLedger(rng, out _, small: true);
        return (ledger.HoldsInMinorUnits() && ledger.CheckIdentityExact() is null).ToProperty();
    }

    [Fact]
    public void Broken_ledgers_still_get_their_messages()
    {
        var ledger = new Ledger(Currency.USD);
        ledger.Post(T0, LedgerEntryKind.Deposit, 1000m, Currency.USD, 1000m, 1m);
        ledger.Post(T0, LedgerEntryKind.RealisedPnl, 12.345m, Currency.USD, 12.345m, 1m);
        Assert.Null(ledger.CheckIdentity());
        var entries = (LedgerEntryLog)ledger.Entries;
        entries.Add(new LedgerEntry
        {
            Sequence = 3, Time = T0, Kind = LedgerEntryKind.Commission, Amount = -1.005m, BalanceAfter = 1011.335m,
            OriginalCurrency = Currency.USD, OriginalAmount = -1.005m, Rate = 1m,
        });
        Assert.False(ledger.HoldsInMinorUnits());
        Assert.Equal("entry #3: -1.005 is not rounded to the minor unit", ledger.CheckIdentity());
    }

    [Fact]
    public void Minor_units_of_a_decimal_keep_sign_and_scale()
    {
        Assert.True(Ledger.InMinorUnits(-12.3m, 2, out var a));
        Assert.Equal((Int128)(-1230), a);
        Assert.True(Ledger.InMinorUnits(79228162514264337593543950335m, 2, out var max));
        Assert.Equal(Int128.Parse("7922816251426433759354395033500"), max);
        Assert.False(Ledger.InMinorUnits(0.001m, 2, out _));
        Assert.True(Ledger.InMinorUnits(new decimal(0, 0, 0, true, 1), 2, out var negativeZero));
        Assert.Equal(Int128.Zero, negativeZero);
    }
}
