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

    /// <summary>The header's previous hash is written as hex sixteen bytes at a time: any length, vector steps and tail.</summary>
    [Property(MaxTest = 2000)]
    public Property Digest_hex_as_UTF8_equals_Convert(byte[] bytes)
    {
        var into = new byte[2 * bytes.Length + 8];
        var n = AuditChain.LowerHexUtf8(bytes, into);
        return (n == 2 * bytes.Length && Encoding.ASCII.GetString(into, 0, n) == Convert.ToHexStringLower(bytes)).ToProperty();
    }

    /// <summary>Enum names come from an array by value (or the dictionary, or ToString): the same text for every value, declared or not.</summary>
    [Fact]
    public void Enum_texts_are_the_lower_and_upper_case_names_for_every_value()
    {
        static void Check<T>() where T : struct, Enum
        {
            foreach (var raw in Enumerable.Range(-300, 601).Select(i => (long)i).Concat([int.MinValue, int.MaxValue, 255, 256]))
            {
                var value = (T)Enum.ToObject(typeof(T), raw);
                Assert.Equal(value.ToString().ToLowerInvariant(), EnumText<T>.Lower(value));
                Assert.Equal(value.ToString().ToUpperInvariant(), EnumText<T>.Upper(value));
            }
        }
        Check<Platform3.Trading.Decisions.DecisionType>();
        Check<Platform3.Trading.Decisions.EntryOrderType>();
        Check<Platform3.Trading.Decisions.LimitTimeoutAction>();
        Check<Platform3.Trading.Decisions.PlanPurpose>();
        Check<Platform3.Trading.Decisions.PlanTimeInForce>();
        Check<Platform3.Trading.Decisions.SignalKind>();
        Check<Platform3.Trading.Orders.OrderEventKind>();
        Check<Platform3.Trading.Orders.OrderType>();
        Check<Platform3.Trading.Risk.HaltSource>();
    }

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
            var digest = new byte[32];
            var hash = rng.Next(3) switch
            {
                0 => log.Append(kind, id, time, payload).Hash,
                1 => log.AppendUtf8(kind, id, time, Encoding.UTF8.GetBytes(payload)),
                _ => AppendDigest(log, kind, id, time, payload),
            };
            var record = new AuditRecord(i + 1, kind, id, time.Ticks, payload, prev, AuditChain.ComputeHash(i + 1, kind, id, time.Ticks, prev, payload));
            if (hash != record.Hash) return false.Label($"hash of record {i + 1}");
            expected.Add(record);
            prev = record.Hash;
        }
        return (log.Records.SequenceEqual(expected.TakeLast(log.Records.Count)) && log.HeadHash == prev && log.Count == expected.Count).ToProperty();
    }

    private static string AppendDigest(IAuditLog log, string kind, string id, DateTime time, string payload)
    {
        var digest = new byte[32];
        log.AppendUtf8Digest(kind, id, time, Encoding.UTF8.GetBytes(payload), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The header written from the previous record's digest bytes hashes like the one written from its hex text.</summary>
    [Property(MaxTest = 1000)]
    public Property The_chain_hash_from_a_previous_digest_equals_the_one_from_its_hex(long seq, NonEmptyString kind, string? refId, long ticks, byte[] prevSeed, byte[] payload)
    {
        var k = kind.Get.Replace('\n', ' ');
        var r = (refId ?? "").Replace('\n', ' ');
        var prev = SHA256.HashData(prevSeed);
        if (prevSeed.Length % 5 == 0) Array.Clear(prev); // the genesis head
        Span<byte> fromBytes = stackalloc byte[32];
        Span<byte> fromText = stackalloc byte[32];
        AuditChain.ComputeDigest(seq, k, r, ticks, prev, payload, fromBytes);
        AuditChain.ComputeDigest(seq, k, r, ticks, Convert.ToHexStringLower(prev), payload, fromText);
        return fromBytes.SequenceEqual(fromText).Label($"{k} / {r}");
    }

    /// <summary>A log that only implements the text methods gets the digest method by its default: the digest of the hash it returns.</summary>
    [Property(MaxTest = 100)]
    public Property The_default_digest_append_returns_the_records_hash(string[] payloads)
    {
        using var inner = new InMemoryAuditLog();
        var log = new TextOnlyLog(inner);
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (p, i) in payloads.Select((p, i) => (p ?? "", i)))
        {
            var hash = AppendDigest(log, AuditKinds.Fill, "D-" + i, t0.AddSeconds(i), "{\"p\":" + System.Text.Json.JsonSerializer.Serialize(p) + "}");
            if (hash != inner.HeadHash) return false.Label($"record {i + 1}");
        }
        return true.ToProperty();
    }

    private sealed class TextOnlyLog(IAuditLog inner) : IAuditLog
    {
        public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload) => inner.Append(kind, refId, timeUtc, payload);
        public long Count => inner.Count;
        public string HeadHash => inner.HeadHash;
        public void Flush() { }
        public void Dispose() { }
    }

    /// <summary>A decision's hash kept as digest bytes reads back as the text it was given, and as nothing before it is set.</summary>
    [Property(MaxTest = 300)]
    public Property A_decisions_record_hash_reads_back_as_set(byte[] seed, bool set)
    {
        var e = new TradingDecisionEvent
        {
            DecisionId = "D-1", Timestamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Symbol = "EURUSD",
            DecisionType = Platform3.Trading.Decisions.DecisionType.Hold, Confidence = 0, Reason = "", SignalSources = [], Fusion = default,
            PositionBefore = 0, ExecutionPlans = [], ModelVersions = [], Halted = false,
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(seed));
        if (set) e.RecordHash = hash;
        return (set ? e.RecordHash == hash : e.RecordHash is null).ToProperty();
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

    /// <summary>A writer that reuses the text of recent numbers writes what formatting each one afresh writes.</summary>
    [Property(MaxTest = 1000)]
    public Property Repeated_numbers_are_written_as_formatted_afresh(double[] values, int seed)
    {
        var rng = new Random(seed);
        double[] odd = [0, -0.0, 1, double.NaN, 0.35000000000000003, -0.35000000000000003, 1e300, double.Epsilon];
        var sequence = Enumerable.Range(0, 60).Select(_ => rng.Next(3) == 0 && values.Length > 0 ? values[rng.Next(values.Length)] : odd[rng.Next(odd.Length)]).ToArray();
        var writer = new CanonicalJsonWriter(8);
        var expected = new StringBuilder("[");
        writer.StartObject();
        Span<byte> b = stackalloc byte[40];
        for (var i = 0; i < sequence.Length; i++)
        {
            writer.Number("n"u8, sequence[i]);
            expected.Append(i == 0 ? "" : ",").Append("\"n\":").Append(CompactNumber.TryFormat(sequence[i], b, out var n) ? Encoding.ASCII.GetString(b[..n]) : "null");
        }
        writer.EndObject();
        expected[0] = '{';
        expected.Append('}');
        return (Encoding.UTF8.GetString(writer.Written) == expected.ToString()).ToProperty();
    }
}
