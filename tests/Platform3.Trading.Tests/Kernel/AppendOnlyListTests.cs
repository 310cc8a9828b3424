using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Accounting;
using Platform3.Trading.Kernel;

namespace Platform3.Trading.Tests.Kernel;

public class AppendOnlyListTests
{
    [Property(MaxTest = 60)]
    public Property Holds_the_same_elements_in_the_same_order_as_a_list(int seed, byte chunks)
    {
        // Up to ~40 chunks of references and of large structs, so chunk boundaries and directory growth are crossed.
        var n = new Random(seed).Next(0, 1 + chunks * 4096 / 26);
        var refs = new AppendOnlyList<string>();
        var structs = new AppendOnlyList<LedgerEntry>();
        var expected = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var s = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            refs.Add(s);
            expected.Add(s);
            structs.Add(Entry(i));
        }
        var byIndex = Enumerable.Range(0, n).All(i => refs[i] == expected[i] && structs[i].Sequence == i);
        var byWalk = refs.SequenceEqual(expected) && structs.Select(e => (int)e.Sequence).SequenceEqual(Enumerable.Range(0, n));
        var last = n == 0 || (refs.Last == expected[^1] && structs.Last.Sequence == n - 1);
        // LINQ goes through the IList view: Count, ElementAt, Last and ToArray (CopyTo across chunks).
        var linq = refs.ToArray().SequenceEqual(expected) && refs.Count() == n
            && (n == 0 || (refs.ElementAt(n / 2) == expected[n / 2] && refs.Last() == expected[^1] && refs.IndexOf(expected[n / 3]) == n / 3));
        return (refs.Count == n && structs.Count == n && byIndex && byWalk && last && linq).Label($"n = {n}");
    }

    [Fact]
    public void Indexing_past_the_end_and_last_of_an_empty_list_throw()
    {
        var l = new AppendOnlyList<int>();
        Assert.Throws<InvalidOperationException>(() => l.Last);
        l.Add(7);
        Assert.Equal(7, l[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => l[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => l[-1]);
        Assert.Throws<NotSupportedException>(() => ((IList<int>)l).RemoveAt(0));
        Assert.Throws<ArgumentException>(() => l.CopyTo(new int[1], 1));
    }

    private static LedgerEntry Entry(int i) => new()
    {
        Sequence = i, Time = DateTime.UnixEpoch, Kind = LedgerEntryKind.Deposit, Amount = i, BalanceAfter = i,
        OriginalCurrency = Core.Domain.Currency.USD, OriginalAmount = i, Rate = 1m,
    };
}
