using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Tests.Audit;

/// <summary>
/// The audit hashes are computed over the canonical JSON bytes, so the hand-written emitter must write exactly what
/// the <see cref="Utf8JsonWriter"/>-based writer wrote (kept here as <see cref="LegacyDecisionEventJson"/>), for any
/// decision: unusual decimals (every scale, the extremes, negative zero), doubles of every magnitude (NaN and
/// infinities become null), unicode and control characters, characters the default encoder escapes, nulls.
/// The hash of a UTF-8 payload must equal the hash of the same text, and the original header-and-text hash.
/// </summary>
public class DecisionJsonEquivalenceTests
{
    private static readonly string[] OddTexts =
    [
        "", " ", "EURUSD", "bt-0000001", "long signal (confidence 0.62, agreement 1.00) clears min confidence 0.55",
        "EUR net exposure would be 1.2x equity (limit ±0.8x)", "€ 漢字 😀 é", "quote \" backslash \\ slash /", "<script>&amp;'+`",
        "tab\there\nnewline\r\u0000\u0001\u001f\u007f", "\u0080\u00a0\u2028\u2029\ufeff\uffff", "a\ud83d\ude00b", "x\u0300y", new string('z', 3000),
    ];

    private static readonly decimal[] OddDecimals =
    [
        0m, -0m, 0.0m, 0.00000m, 1m, -1m, 1.10005m, 100000m, 1.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue,
        0.0000000000000000000000000001m, 79228162514264337593543950335m, 12345678901234567890.12345678m, 1e-10m, 123.4500m,
    ];

    private static readonly double[] OddDoubles =
    [
        0, -0.0, 1, -1, 0.35000000000000003, 1.10005, 1e-30, -1e-300, double.Epsilon, double.MaxValue, double.MinValue, 1e17, 9.99999999949e17,
        1e18, 1e19, 123456789012345678, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2, 1 - 1e-16, 99999.9999995,
    ];

    private static readonly Instrument[] Instruments = InstrumentCatalog.Builtin.All.ToArray();

    /// <summary>A decision assembled by a seeded generator from FsCheck's values and the lists of odd ones above.</summary>
    private sealed class Maker(int seed, string[] texts, decimal[] decimals, double[] doubles)
    {
        private readonly Random _rng = new(seed);

        private T Pick<T>(T[] fsCheck, T[] odd) => fsCheck.Length > 0 && _rng.Next(2) == 0 ? fsCheck[_rng.Next(fsCheck.Length)] : odd[_rng.Next(odd.Length)];

        private string Text() => Pick(texts, OddTexts);

        private string? TextOrNull() => _rng.Next(8) == 0 ? null : Text();

        /// <summary>Names the constructors insist on (not blank), sometimes odd.</summary>
        private string Plain() => _rng.Next(3) == 0 && Text() is { } t && !string.IsNullOrWhiteSpace(t) ? t : $"s{_rng.Next(1000)}";

        private decimal Dec() => _rng.Next(4) == 0 ? _rng.Next(-1_000_000, 1_000_000) / (decimal)Math.Pow(10, _rng.Next(0, 9)) : Pick(decimals, OddDecimals);

        private double Num() => _rng.Next(4) switch
        {
            0 => (_rng.NextDouble() - 0.5) * Math.Pow(10, _rng.Next(-20, 20)),
            1 => BitConverter.Int64BitsToDouble(_rng.NextInt64()),
            _ => Pick(doubles, OddDoubles),
        };

        private DateTime Time() => _rng.Next(3) switch
        {
            0 => new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * _rng.Next(500_000)),
            1 => new DateTime(_rng.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc),
            _ => new DateTime(_rng.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), _rng.Next(2) == 0 ? DateTimeKind.Local : DateTimeKind.Unspecified),
        };

        private TimeSpan Span() => _rng.Next(3) switch
        {
            0 => TimeSpan.FromMinutes(_rng.Next(1, 100_000)),
            1 => TimeSpan.FromTicks(_rng.NextInt64(1, TimeSpan.TicksPerDay * 400)),
            _ => TimeSpan.FromSeconds(_rng.Next(1, 100_000)),
        };

        private T E<T>(int declared) where T : struct, Enum => (T)Enum.ToObject(typeof(T), _rng.Next(10) == 0 ? _rng.Next(-3, 40) : _rng.Next(declared));

        private IReadOnlyList<T> List<T>(int max, Func<T> item) => Enumerable.Range(0, _rng.Next(max + 1)).Select(_ => item()).ToArray();

        private RiskMetrics Metrics() => new(Num(), Num(), Num(), Num(), TextOrNull()!, Num(), TextOrNull()!, Num(), Num(), Num());

        private SignalInput Signal()
        {
            var kind = E<SignalKind>(3);
            var direction = (SignalDirection)_rng.Next(-1, 2);
            var strength = _rng.Next(5) == 0 ? 1 : _rng.NextDouble();
            var p = _rng.Next(3) == 0 ? double.NaN : _rng.NextDouble();
            return new SignalInput(Plain(), kind, Plain(), direction, strength, Span(), Time(),
                kind == SignalKind.Model || _rng.Next(2) == 0 ? Plain() : null, p, Num());
        }

        private ExecutionPlan Plan() => new()
        {
            DecisionId = Text(),
            Instrument = Instruments[_rng.Next(Instruments.Length)],
            Side = _rng.Next(2) == 0 ? PlanSide.Buy : PlanSide.Sell,
            Purpose = E<PlanPurpose>(3),
            Units = Dec(),
            OrderType = E<EntryOrderType>(2),
            LimitPrice = _rng.Next(2) == 0 ? Dec() : null,
            LimitTimeout = _rng.Next(2) == 0 ? Span() : null,
            OnLimitTimeout = E<LimitTimeoutAction>(2),
            DecisionPrice = Num(),
            StopLoss = _rng.Next(2) == 0 ? Dec() : null,
            TakeProfit = _rng.Next(2) == 0 ? Dec() : null,
            TimeInForce = E<PlanTimeInForce>(5),
            ExpiresUtc = _rng.Next(2) == 0 ? Time() : null,
            Slices = List(4, Dec),
            SliceInterval = _rng.Next(3) == 0 ? TimeSpan.Zero : Span(),
            StopMethod = Text(),
            CreatedUtc = Time(),
        };

        public TradingDecisionEvent Decision() => new()
        {
            DecisionId = Text(),
            Timestamp = Time(),
            Symbol = Text(),
            DecisionType = E<DecisionType>(5),
            Confidence = Num(),
            Reason = Text(),
            SignalSources = List(4, () => new WeightedSignal(Signal(), Num())),
            Fusion = new FusedSignal((SignalDirection)_rng.Next(-1, 2), Num(), Num(), Num(), E<FusionMethod>(3), _rng.Next(2) == 0, _rng.Next(int.MinValue, int.MaxValue), TextOrNull()!),
            PositionBefore = Num(),
            RiskAssessment = _rng.Next(3) == 0 ? null : new RiskAssessment
            {
                Approved = _rng.Next(2) == 0,
                ApprovedUnits = Dec(),
                TargetUnits = Dec(),
                SizingMethod = TextOrNull()!,
                RiskReducing = _rng.Next(2) == 0,
                Rejections = List(3, () => new RiskReason(Text(), TextOrNull()!)),
                Notes = List(3, Text),
                Before = Metrics(),
                After = _rng.Next(2) == 0 ? Metrics() : null,
                HaltTriggered = _rng.Next(2) == 0 ? E<HaltSource>(3) : null,
            },
            ExecutionPlans = List(3, Plan),
            ModelVersions = List(3, Text),
            // The fingerprint as text, as a digest value (the legacy writer writes its text), both (the text wins) or neither.
            FeatureVectorHash = _rng.Next(3) == 0 ? null : TextOrNull(),
            FeatureDigest = _rng.Next(2) == 0 ? FeatureDigest.Of(Enumerable.Range(0, _rng.Next(70)).Select(_ => (float)Num()).ToArray()) : default,
            Halted = _rng.Next(2) == 0,
        };
    }

    /// <summary>The legacy writer's bytes, or the type of exception it threw.</summary>
    private static string Legacy(TradingDecisionEvent e)
    {
        try { return Convert.ToHexString(Encoding.UTF8.GetBytes(new LegacyDecisionEventJson().Serialize(e))); }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { return "throws " + ex.GetType().Name; }
    }

    private static string Emitted(DecisionEventJson json, TradingDecisionEvent e)
    {
        try { return Convert.ToHexString(json.SerializeUtf8(e)); }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { return "throws " + ex.GetType().Name; }
    }

    private static readonly DecisionEventJson Json = new(); // reused, as the logger reuses it: state must not leak between records

    [Property(MaxTest = 3000)]
    public Property Emitter_writes_the_legacy_writers_bytes_for_any_decision(int seed, string[] texts, decimal[] decimals, double[] doubles)
    {
        var e = new Maker(seed, (texts ?? []).Where(t => t is not null).ToArray(), decimals ?? [], doubles ?? []).Decision();
        var expected = Legacy(e);
        var actual = Emitted(Json, e);
        return (expected == actual).Label($"seed {seed}:\nlegacy  {Decode(expected)}\nemitted {Decode(actual)}");
    }

    /// <summary>An audit log reached only through the interface, whose writes take the in-memory log's checked public path.</summary>
    private sealed class ThroughInterface(InMemoryAuditLog inner) : IAuditLog
    {
        public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload) => inner.Append(kind, refId, timeUtc, payload);
        public void AppendUtf8Digest(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload, Span<byte> digest) =>
            inner.AppendUtf8Digest(kind, refId, timeUtc, utf8Payload, digest);
        public long Count => inner.Count;
        public string HeadHash => inner.HeadHash;
        public void Flush() { }
        public void Dispose() { }
    }

    private static string Outcome(Func<string?> write)
    {
        try { return write() ?? ""; }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { return "throws " + ex.GetType().Name; }
    }

    /// <summary>
    /// The logger hands an in-memory log its payloads directly, without the UTF-8 scan (the canonical writer only
    /// writes ASCII): for any decisions, orders and fills the records, hashes and failures are those of the general
    /// path through <see cref="IAuditLog"/>, which checks the payload, and every payload is valid UTF-8.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property The_loggers_direct_path_to_the_in_memory_log_equals_the_checked_one(int seed, string[] texts, decimal[] decimals, double[] doubles)
    {
        var odd = (texts ?? []).Where(t => t is not null).ToArray();
        var direct = new InMemoryAuditLog();
        var general = new InMemoryAuditLog();
        var a = new DecisionLogger(direct);
        var b = new DecisionLogger(new ThroughInterface(general));
        var rng = new Random(seed);
        var outcomes = new List<(string, string)>();
        for (var k = 0; k < 4; k++)
        {
            var e = new Maker(seed + k, odd, decimals ?? [], doubles ?? []).Decision();
            outcomes.Add((Outcome(() => a.LogDecision(e).RecordHash), Outcome(() => b.LogDecision(e).RecordHash)));
            var text = odd.Length > 0 ? odd[rng.Next(odd.Length)] : OddTexts[rng.Next(OddTexts.Length)];
            var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(k);
            outcomes.Add((Outcome(() => a.LogOrder(e.DecisionId, t, "O" + k, "accepted", e.Symbol, "buy", 1000m, "limit", 1.1m, text)),
                Outcome(() => b.LogOrder(e.DecisionId, t, "O" + k, "accepted", e.Symbol, "buy", 1000m, "limit", 1.1m, text))));
            outcomes.Add((Outcome(() => a.LogFill(e.DecisionId, t, text, e.Symbol, "sell", 1000m, 1.1m, 1.09, -0.4, 0m)),
                Outcome(() => b.LogFill(e.DecisionId, t, text, e.Symbol, "sell", 1000m, 1.1m, 1.09, -0.4, 0m))));
        }
        var same = outcomes.All(o => o.Item1 == o.Item2)
            && direct.Records.Select(r => (r.Seq, r.Kind, r.RefId, r.TimeTicks, r.Payload, r.PrevHash, r.Hash))
                .SequenceEqual(general.Records.Select(r => (r.Seq, r.Kind, r.RefId, r.TimeTicks, r.Payload, r.PrevHash, r.Hash)))
            && direct.HeadHash == general.HeadHash;
        var ascii = direct.Records.All(r => r.Payload.All(char.IsAscii));
        return (same && ascii).Label($"seed {seed}: {string.Join(" | ", outcomes)}");
    }

    /// <summary>The writer keeps the last two numbers' text by their bits: any sequence of doubles, repeats and all, is written as each alone.</summary>
    [Property(MaxTest = 3000)]
    public Property Kept_numbers_are_written_as_when_formatted_alone(double[] values, int seed)
    {
        var rng = new Random(seed);
        var pool = (values ?? []).Concat(OddDoubles).ToArray();
        var sequence = Enumerable.Range(0, 40).Select(_ => pool[rng.Next(pool.Length)] * (rng.Next(4) == 0 ? -1 : 1)).ToArray();
        var writer = new CanonicalJsonWriter(8);
        writer.StartObject();
        var expected = new StringBuilder("{");
        Span<byte> text = stackalloc byte[64];
        for (var i = 0; i < sequence.Length; i++)
        {
            writer.Number("n"u8, sequence[i]);
            expected.Append(i == 0 ? "" : ",").Append("\"n\":")
                .Append(CompactNumber.TryFormat(sequence[i], text, out var n) ? Encoding.ASCII.GetString(text[..n]) : "null");
        }
        writer.EndObject();
        expected.Append('}');
        return (Encoding.UTF8.GetString(writer.Written) == expected.ToString()).Label(string.Join(", ", sequence.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// The model source keeps a feature vector's fingerprint as a <see cref="FeatureDigest"/> and the writer puts its hex
    /// into the record in place: for any vector (floats or doubles, NaN, infinities, signed zeros, empty) its text is
    /// <see cref="FeatureHash"/>'s, it parses back to itself, and a record carrying the digest has the bytes of the same
    /// record carrying that text.
    /// </summary>
    [Property(MaxTest = 2000)]
    public Property A_feature_digest_writes_the_text_of_the_feature_hash(float[] floats, double[] doubles, int seed)
    {
        floats ??= [];
        doubles ??= [];
        var rng = new Random(seed);
        float[] odd = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.Epsilon, float.MaxValue];
        var f = floats.Select(x => rng.Next(8) == 0 ? odd[rng.Next(odd.Length)] : x).ToArray();
        var fd = FeatureDigest.Of(f);
        var dd = FeatureDigest.Of(doubles);
        var texts = fd.Text == FeatureHash.Of(f) && dd.Text == FeatureHash.Of(doubles) && fd.ToString() == FeatureHash.Of(f);
        var parsed = FeatureDigest.TryParse(fd.Text, out var back) && back == fd && FeatureDigest.TryParse(fd.Text!.ToUpperInvariant(), out var upper) && upper == fd;
        var odds = !FeatureDigest.TryParse(null, out _) && !FeatureDigest.TryParse(fd.Text![1..], out _) && !FeatureDigest.TryParse("g" + fd.Text[1..], out _)
            && default(FeatureDigest).Text is null && !default(FeatureDigest).HasValue && fd.HasValue;
        var e = new Maker(seed, [], [], []).Decision();
        var byText = e with { FeatureVectorHash = FeatureHash.Of(f), FeatureDigest = default };
        var byDigest = e with { FeatureVectorHash = null, FeatureDigest = fd };
        var same = Emitted(new DecisionEventJson(), byText) == Emitted(Json, byDigest) && byDigest.FeatureVectorHash == byText.FeatureVectorHash;
        var none = Emitted(Json, e with { FeatureVectorHash = null, FeatureDigest = default }).Contains(
            Convert.ToHexString("\"feature_vector_hash\":null}"u8), StringComparison.Ordinal);
        return (texts && parsed && odds && same && none).Label($"{texts} {parsed} {odds} {same} {none}");
    }

    private static string Decode(string hex) => hex.StartsWith("throws", StringComparison.Ordinal) ? hex : Encoding.UTF8.GetString(Convert.FromHexString(hex));

    [Fact]
    public void A_fixed_sweep_of_seeds_matches_and_reaches_every_branch()
    {
        var json = new DecisionEventJson();
        int withRisk = 0, withPlans = 0, escaped = 0;
        for (var seed = 0; seed < 2000; seed++)
        {
            var e = new Maker(seed, [], [], []).Decision();
            var expected = Legacy(e);
            Assert.Equal(expected, Emitted(json, e));
            if (e.RiskAssessment is not null) withRisk++;
            if (e.ExecutionPlans.Count > 0) withPlans++;
            if (expected.Contains("5C75", StringComparison.Ordinal)) escaped++; // "\u" escapes
        }
        Assert.True(withRisk > 500 && withPlans > 500 && escaped > 500, $"{withRisk}/{withPlans}/{escaped}");
    }

    [Property(MaxTest = 5000)]
    public Property Strings_are_escaped_like_Utf8JsonWriter(string s)
    {
        var expected = Reference(w => w.WriteString("k", s));
        var writer = new CanonicalJsonWriter(16);
        writer.StartObject();
        writer.String("k"u8, s);
        writer.EndObject();
        return (expected == Encoding.UTF8.GetString(writer.Written)).Label($"{expected} vs {Encoding.UTF8.GetString(writer.Written)}");
    }

    /// <summary>The string property as <see cref="Utf8JsonWriter"/> writes it and as the (reused) writer does ("throws" for either's refusal).</summary>
    private static (string Expected, string Actual) BothWrite(CanonicalJsonWriter writer, string s)
    {
        string expected;
        try { expected = Reference(w => w.WriteString("k", s)); }
        catch (ArgumentException) { expected = "throws"; }
        string actual;
        writer.Reset();
        try
        {
            writer.StartObject();
            writer.String("k"u8, s);
            writer.EndObject();
            actual = Encoding.UTF8.GetString(writer.Written);
        }
        catch (ArgumentException) { actual = "throws"; }
        return (expected, actual);
    }

    [Fact]
    public void Every_utf16_code_unit_is_escaped_like_Utf8JsonWriter()
    {
        var writer = new CanonicalJsonWriter(16);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var s = $"a{(char)c}b";
            var (expected, actual) = BothWrite(writer, s);
            Assert.True(expected == actual, $"U+{c:X4}: {expected} vs {actual}");
        }
    }

    /// <summary>
    /// Plain strings are checked and narrowed eight characters at a time (the last block overlapping): every code unit,
    /// in strings of every length from 1 to 40 (the scalar path below 8, one block, several, an overlapping tail), at
    /// every kind of position (first, last, inside a block, in the overlap), is written as <see cref="Utf8JsonWriter"/>
    /// writes the string.
    /// </summary>
    [Fact]
    public void Every_utf16_code_unit_in_strings_of_every_length_is_written_like_Utf8JsonWriter()
    {
        const string plain = "bt-0000123 EURUSD model:e2e@1 (0.55)=ok!";
        var writer = new CanonicalJsonWriter(16);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            // Two lengths per code unit, one of them at least 8 (a vector block) for every code unit.
            foreach (var length in new[] { 1 + c % 40, 8 + c / 40 % 33 })
            foreach (var at in new[] { 0, length - 1, c / 40 % length, (c / 7 + 8) % length })
            {
                var chars = plain[..length].ToCharArray();
                chars[at] = (char)c;
                var s = new string(chars);
                var (expected, actual) = BothWrite(writer, s);
                Assert.True(expected == actual, $"U+{c:X4} at {at} of {length}: {expected} vs {actual}");
            }
        }
    }

    [Property(MaxTest = 5000)]
    public Property Instants_are_written_like_Utf8JsonWriter(long ticks)
    {
        var t = new DateTime((long)((ulong)ticks % (ulong)(DateTime.MaxValue.Ticks + 1)), DateTimeKind.Utc);
        var expected = Reference(w => w.WriteString("t", t));
        var writer = new CanonicalJsonWriter(8);
        writer.StartObject();
        writer.Time("t"u8, t);
        writer.EndObject();
        return (expected == Encoding.UTF8.GetString(writer.Written)).Label($"{t:O}: {expected} vs {Encoding.UTF8.GetString(writer.Written)}");
    }

    [Property(MaxTest = 3000)]
    public Property Decimals_and_integers_are_written_like_Utf8JsonWriter(decimal d, int i)
    {
        var expected = Reference(w =>
        {
            w.WriteString("d", d.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("i", i);
            w.WriteStartArray("a");
            w.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
            w.WriteEndArray();
        });
        var writer = new CanonicalJsonWriter(4);
        writer.StartObject();
        writer.Decimal("d"u8, d);
        writer.Int("i"u8, i);
        writer.StartArray("a"u8);
        writer.DecimalValue(d);
        writer.EndArray();
        writer.EndObject();
        return (expected == Encoding.UTF8.GetString(writer.Written)).ToProperty();
    }

    /// <summary>What a fresh <see cref="Utf8JsonWriter"/> writes for one object with the given body (the oracle).</summary>
    internal static string Reference(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The hash as it was computed before payloads were hashed as bytes: SHA-256 of the UTF-8 of one string.</summary>
    private static string OriginalHash(long seq, string kind, string refId, long ticks, string prev, string payload) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seq}\n{kind}\n{refId}\n{ticks}\n{prev}\n{payload}"))));

    [Property(MaxTest = 2000)]
    public Property Hashing_bytes_equals_hashing_the_text_and_the_original_rule(long seq, string refId, long ticks, string payload, bool longRef)
    {
        refId = (refId ?? "").Replace('\n', ' ');
        if (longRef) refId += new string('r', 600);
        payload ??= "";
        var prev = AuditChain.ComputeHash(1, "decision", "x", 0, AuditChain.Genesis, "{}");
        var text = AuditChain.ComputeHash(seq, AuditKinds.Decision, refId, ticks, prev, payload);
        var bytes = AuditChain.ComputeHash(seq, AuditKinds.Decision, refId, ticks, prev, Encoding.UTF8.GetBytes(payload));
        var original = OriginalHash(seq, AuditKinds.Decision, refId, ticks, prev, payload);
        return (text == original && bytes == original).Label($"{original} / {text} / {bytes}");
    }
}

/// <summary>The audit's SHA-256 (libcrypto directly on Linux, else the framework) is SHA-256, whatever the split of its input.</summary>
public class AuditSha256Tests
{
    [Property(MaxTest = 2000)]
    public Property Hash_of_two_spans_is_the_SHA256_of_their_concatenation(byte[] first, byte[] second)
    {
        first ??= [];
        second ??= [];
        Span<byte> digest = stackalloc byte[32];
        AuditSha256.Hash(first, second, digest);
        var expected = SHA256.HashData([.. first, .. second]);
        return digest.SequenceEqual(expected).Label($"{first.Length}+{second.Length} bytes");
    }

    [Fact]
    public void Large_inputs_and_the_known_answer()
    {
        Span<byte> digest = stackalloc byte[32];
        AuditSha256.Hash("ab"u8, "c"u8, digest);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
        var big = new byte[1 << 20];
        new Random(3).NextBytes(big);
        AuditSha256.Hash(big.AsSpan(0, 12_345), big.AsSpan(12_345), digest);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(big)), Convert.ToHexStringLower(digest));
        if (OperatingSystem.IsLinux()) Assert.True(AuditSha256.Direct || !File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"), "libcrypto 3 is installed but the direct path was not taken");
    }
}
