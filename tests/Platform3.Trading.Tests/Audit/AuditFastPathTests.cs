using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions.Hosting;

namespace Platform3.Trading.Tests.Audit;

/// <summary>
/// The shortcuts on the decision path equal the general code they stand in for: the chain hash's header written
/// without the encoder for ASCII fields, the digest's hex without <see cref="Convert"/>, the plain-character masks of
/// the JSON writer, and a decision cycle that skips sorting a slice already in instrument order.
/// </summary>
public class AuditFastPathTests
{
    /// <summary>The rule of the audit chain written out plainly: SHA-256 over the UTF-8 of the header text, then the payload.</summary>
    private static string Reference(long seq, string kind, string refId, long ticks, string prev, byte[] payload)
    {
        var header = Encoding.UTF8.GetBytes($"{seq}\n{kind}\n{refId}\n{ticks}\n{prev}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. header, .. payload]));
    }

    [Property(MaxTest = 2000)]
    public Property The_chain_hash_equals_the_plain_rule(long seq, NonEmptyString kind, string? refId, long ticks, bool genesis, byte[] payload)
    {
        var k = kind.Get.Replace('\n', ' ');
        var r = (refId ?? "").Replace('\n', ' ');
        var prev = genesis ? AuditChain.Genesis : Reference(seq, "x", r, ticks, AuditChain.Genesis, payload);
        var expected = Reference(seq, k, r, ticks, prev, payload);
        return (AuditChain.ComputeHash(seq, k, r, ticks, prev, payload) == expected).Label($"{k} / {r}");
    }

    [Property(MaxTest = 1000)]
    public Property Digest_hex_equals_Convert(byte[] bytes) => (AuditChain.LowerHex(bytes) == Convert.ToHexStringLower(bytes)).ToProperty();

    [Fact]
    public void The_plain_character_masks_follow_the_default_encoders_rule()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var plain = c is >= ' ' and <= '~' && (char)c is not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`');
            Assert.True(plain == CanonicalJsonWriter.IsPlain((char)c), $"U+{c:X4}");
        }
    }

    [Property(MaxTest = 2000)]
    public Property Skipping_the_sort_of_an_ordered_slice_changes_nothing(int seed, bool ordered)
    {
        var rng = new Random(seed);
        var catalog = InstrumentCatalog.Builtin;
        var n = rng.Next(0, 20);
        // Ordered slices (the usual case) and random ones with repeated instruments; bars carry their position to tell repeats apart.
        var ids = ordered
            ? Enumerable.Range(0, catalog.Count).OrderBy(_ => rng.Next()).Take(n).Order().ToArray()
            : Enumerable.Range(0, n).Select(_ => rng.Next(catalog.Count)).ToArray();
        var slice = ids.Select((id, i) => new SliceBar(catalog[id], new Bar(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), 1, 1, 1, 1))).ToList();
        var general = slice.ToList();
        general.Sort(DecisionStrategy.ByInstrument);
        var fast = slice.ToList();
        if (!DecisionStrategy.InInstrumentOrder(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fast))) fast.Sort(DecisionStrategy.ByInstrument);
        return fast.Select(s => (s.Instrument.Id, s.Bar.Time)).SequenceEqual(general.Select(s => (s.Instrument.Id, s.Bar.Time))).ToProperty();
    }

    /// <summary>
    /// The in-memory log keeps digests and ASCII ids as bytes: every record read back (any id, ASCII or not, payloads
    /// appended as text or bytes, any keepLast) equals the record the chain rule makes, linked to its predecessor.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Records_read_back_equal_the_chain_rule(int seed, string?[] ids, PositiveInt keep, bool limited)
    {
        var rng = new Random(seed);
        var log = new InMemoryAuditLog(limited ? 1 + keep.Get % 20 : null);
        var expected = new List<AuditRecord>();
        var prev = AuditChain.Genesis;
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Math.Max(1, ids.Length); i++)
        {
            var id = (i < ids.Length ? ids[i] ?? "" : "D-1").Replace('\n', ' ');
            var payload = $"{{\"n\":{rng.Next()},\"pad\":\"{new string('é', rng.Next(0, 50))}\"}}";
            var kind = rng.Next(2) == 0 ? AuditKinds.Decision : AuditKinds.Order;
            var time = t0.AddMinutes(i);
            var hash = rng.Next(2) == 0 ? log.Append(kind, id, time, payload).Hash : log.AppendUtf8(kind, id, time, Encoding.UTF8.GetBytes(payload));
            var record = new AuditRecord(i + 1, kind, id, time.Ticks, payload, prev, AuditChain.ComputeHash(i + 1, kind, id, time.Ticks, prev, payload));
            if (hash != record.Hash) return false.Label($"hash of record {i + 1}");
            expected.Add(record);
            prev = record.Hash;
        }
        return (log.Records.SequenceEqual(expected.TakeLast(log.Records.Count)) && log.HeadHash == prev && log.Count == expected.Count).ToProperty();
    }

    /// <summary>Covariance and correlation read element by element equal the full rebuilt matrix, bit for bit.</summary>
    [Property(MaxTest = 200)]
    public Property Covariance_elements_equal_the_rebuilt_matrix(int seed, PositiveInt rows)
    {
        var rng = new Random(seed);
        const int n = 6;
        var history = new Platform3.Trading.PortfolioManagement.ReturnHistory(n, TimeSpan.FromHours(1), 2 + Math.Abs(seed % 40));
        var row = new double[n];
        for (var r = 0; r < rows.Get % 120; r++)
        {
            for (var k = 0; k < n; k++) row[k] = rng.Next(4) == 0 ? 0 : (rng.NextDouble() - 0.5) * Math.Pow(10, -rng.Next(1, 6));
            history.Add(row);
        }
        var matrix = history.Covariance.ToArray();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                if (BitConverter.DoubleToInt64Bits(history.CovarianceOf(i, j)) != BitConverter.DoubleToInt64Bits(matrix[i * n + j])) return false.Label($"cov {i},{j}");
                var va = matrix[i * n + i];
                var vb = matrix[j * n + j];
                var corr = va <= 0 || vb <= 0 ? (i == j ? 1.0 : 0.0) : matrix[i * n + j] / Math.Sqrt(va * vb);
                if (BitConverter.DoubleToInt64Bits(history.Correlation(i, j)) != BitConverter.DoubleToInt64Bits(corr)) return false.Label($"corr {i},{j}");
            }
        return true.ToProperty();
    }
}
