using Microsoft.Data.Sqlite;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Tests.Audit;

public sealed class AuditChainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-audit-").FullName;
    private static readonly DateTime T = new(2017, 3, 8, 14, 0, 0, DateTimeKind.Utc);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Db(string name = "audit.db") => Path.Combine(_dir, name);

    private string Write(int n, AuditDurability durability = AuditDurability.Synchronous)
    {
        var path = Db();
        using var log = new SqliteAuditLog(path, durability, batchSize: 3);
        for (var i = 1; i <= n; i++)
            log.Append(i % 3 == 0 ? AuditKinds.Order : AuditKinds.Decision, $"D-{i:D4}", T.AddMinutes(i), $"{{\"n\":{i},\"text\":\"é ü 漢\"}}");
        return path;
    }

    /// <summary>Edits the file the way an attacker with file access would: triggers dropped first.</summary>
    private static void Tamper(string path, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete; " + sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void The_hash_covers_every_field()
    {
        var h = AuditChain.ComputeHash(1, "decision", "D-1", 42, AuditChain.Genesis, "{}");
        Assert.Equal(64, h.Length);
        Assert.NotEqual(h, AuditChain.ComputeHash(2, "decision", "D-1", 42, AuditChain.Genesis, "{}"));
        Assert.NotEqual(h, AuditChain.ComputeHash(1, "order", "D-1", 42, AuditChain.Genesis, "{}"));
        Assert.NotEqual(h, AuditChain.ComputeHash(1, "decision", "D-2", 42, AuditChain.Genesis, "{}"));
        Assert.NotEqual(h, AuditChain.ComputeHash(1, "decision", "D-1", 43, AuditChain.Genesis, "{}"));
        Assert.NotEqual(h, AuditChain.ComputeHash(1, "decision", "D-1", 42, new string('1', 64), "{}"));
        Assert.NotEqual(h, AuditChain.ComputeHash(1, "decision", "D-1", 42, AuditChain.Genesis, "{ }"));
        // A long reference id takes the slow path and must hash the same text.
        var longRef = new string('x', 400);
        Assert.Equal(AuditChain.ComputeHash(1, "k", longRef, 1, AuditChain.Genesis, "p"), AuditChain.ComputeHash(1, "k", longRef, 1, AuditChain.Genesis, "p"));
    }

    [Fact]
    public void An_intact_log_verifies_and_reopening_continues_the_chain()
    {
        var path = Write(10);
        using (var log = new SqliteAuditLog(path))
        {
            Assert.Equal(10, log.Count);
            log.Append(AuditKinds.Fill, "D-0010", T.AddHours(1), "{\"fill\":1}");
        }
        var v = AuditVerifier.Verify(path);
        Assert.True(v.Ok, v.ToString());
        Assert.Equal(11, v.Records);
    }

    [Fact]
    public void Batched_writes_make_the_same_chain()
    {
        var a = Write(7, AuditDurability.Batched);
        var batched = AuditVerifier.Verify(a);
        File.Delete(a);
        var b = Write(7, AuditDurability.Synchronous);
        var sync = AuditVerifier.Verify(b);
        Assert.True(batched.Ok);
        Assert.Equal(sync.HeadHash, batched.HeadHash);
    }

    [Fact]
    public void The_database_refuses_updates_and_deletes()
    {
        var path = Write(3);
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE audit_log SET payload = '{}' WHERE seq = 2";
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery()).Message);
        cmd.CommandText = "DELETE FROM audit_log WHERE seq = 2";
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery()).Message);
    }

    [Fact]
    public void An_edited_record_is_named()
    {
        var path = Write(10);
        Tamper(path, "UPDATE audit_log SET payload = replace(payload, '\"n\":6', '\"n\":7') WHERE seq = 6;");
        var v = AuditVerifier.Verify(path);
        Assert.False(v.Ok);
        Assert.Equal(6, v.FirstBadSeq);
        Assert.Contains("edited", v.Problem);
        Assert.Equal(5, v.Records);
    }

    [Fact]
    public void An_edited_and_rehashed_record_breaks_the_next_link()
    {
        var path = Write(10);
        string payload = "{\"n\":6,\"text\":\"forged\"}";
        string prev;
        using (var r = new AuditReader(path)) prev = r.ReadAll().Single(x => x.Seq == 6).PrevHash;
        var hash = AuditChain.ComputeHash(6, AuditKinds.Order, "D-0006", T.AddMinutes(6).Ticks, prev, payload);
        Tamper(path, $"UPDATE audit_log SET payload = '{payload}', hash = '{hash}' WHERE seq = 6;");
        var v = AuditVerifier.Verify(path);
        Assert.False(v.Ok);
        Assert.Equal(7, v.FirstBadSeq);
        Assert.Contains("record 6 was edited and re-hashed", v.Problem);
    }

    [Fact]
    public void A_removed_record_is_detected_in_the_middle_and_at_the_end()
    {
        var mid = Write(10);
        Tamper(mid, "DELETE FROM audit_log WHERE seq = 4;");
        var v = AuditVerifier.Verify(mid);
        Assert.Equal(5, v.FirstBadSeq);
        Assert.Contains("removed", v.Problem);
        File.Delete(mid);

        var tail = Write(10);
        Tamper(tail, "DELETE FROM audit_log WHERE seq = 10;");
        var t = AuditVerifier.Verify(tail);
        Assert.False(t.Ok);
        Assert.Equal(10, t.FirstBadSeq);
        Assert.Contains("removed from the end", t.Problem);
    }

    [Fact]
    public void Removal_with_renumbering_is_detected()
    {
        var path = Write(10);
        Tamper(path, "DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4; UPDATE audit_head SET seq = 9;");
        var v = AuditVerifier.Verify(path);
        Assert.False(v.Ok);
        Assert.Equal(4, v.FirstBadSeq);
    }

    [Fact]
    public void Reordered_records_are_detected()
    {
        var path = Write(10);
        // Swap the contents of records 3 and 8, keeping their sequence numbers.
        Tamper(path, """
            UPDATE audit_log SET seq = -3 WHERE seq = 3;
            UPDATE audit_log SET seq = 3 WHERE seq = 8;
            UPDATE audit_log SET seq = 8 WHERE seq = -3;
            """);
        var v = AuditVerifier.Verify(path);
        Assert.False(v.Ok);
        Assert.Equal(3, v.FirstBadSeq);
        Assert.Contains("reordered", v.Problem);
    }

    [Fact]
    public void Two_writers_interleaving_keep_one_valid_chain()
    {
        var path = Db();
        using (var engine = new SqliteAuditLog(path))
        using (var cli = new SqliteAuditLog(path))
        {
            for (var i = 0; i < 5; i++)
            {
                engine.Append(AuditKinds.Decision, $"D-{i}", T.AddMinutes(i), "{}");
                cli.Append(AuditKinds.Halt, $"halt-{i}", T.AddMinutes(i), "{}");
            }
        }
        var v = AuditVerifier.Verify(path);
        Assert.True(v.Ok, v.ToString());
        Assert.Equal(10, v.Records);
    }

    [Fact]
    public void In_memory_and_sqlite_logs_build_the_same_chain()
    {
        var mem = new InMemoryAuditLog();
        using var db = new SqliteAuditLog(Db());
        for (var i = 0; i < 4; i++)
        {
            mem.Append("decision", $"D-{i}", T, $"{{\"i\":{i}}}");
            db.Append("decision", $"D-{i}", T, $"{{\"i\":{i}}}");
        }
        Assert.Equal(mem.HeadHash, db.HeadHash);
        Assert.True(AuditVerifier.Verify(mem.Records).Ok);
        var edited = mem.Records.ToList();
        edited[1] = edited[1] with { Payload = "{\"i\":9}" };
        Assert.Equal(2, AuditVerifier.Verify(edited).FirstBadSeq);
        var swapped = mem.Records.ToList();
        (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
        Assert.Equal(3, AuditVerifier.Verify(swapped).FirstBadSeq); // seq 3 appears where 2 was expected
    }

    [Fact]
    public void A_file_that_is_not_an_audit_log_is_a_data_error()
    {
        var path = Db("other.db");
        using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t(x)";
            cmd.ExecuteNonQuery();
        }
        Assert.Throws<Platform3.Core.Errors.DataException>(() => AuditVerifier.Verify(path));
        Assert.Throws<Platform3.Core.Errors.UsageException>(() => AuditVerifier.Verify(Db("missing.db")));
    }
}

/// <summary>Records appended as UTF-8 bytes make the same chain as the same text, in memory and in SQLite, and verify.</summary>
public sealed class Utf8AppendTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-audit-utf8-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Bytes_and_text_make_the_same_chain_and_both_logs_verify()
    {
        var t = new DateTime(2017, 3, 8, 14, 0, 0, DateTimeKind.Utc);
        string[] payloads = ["{\"n\":1}", "{\"text\":\"é ü 漢 😀\"}", "{}", "{\"long\":\"" + new string('x', 400_000) + "\"}", "{\"n\":5}"];
        var text = new InMemoryAuditLog();
        var bytes = new InMemoryAuditLog(keepLast: 2);
        var path = Path.Combine(_dir, "utf8.db");
        using (var sqlite = new SqliteAuditLog(path, AuditDurability.Batched, 2))
        {
            for (var i = 0; i < payloads.Length; i++)
            {
                var utf8 = System.Text.Encoding.UTF8.GetBytes(payloads[i]);
                var expected = text.Append(AuditKinds.Decision, $"D-{i}", t.AddMinutes(i), payloads[i]).Hash;
                Assert.Equal(expected, bytes.AppendUtf8(AuditKinds.Decision, $"D-{i}", t.AddMinutes(i), utf8));
                Assert.Equal(expected, sqlite.AppendUtf8(AuditKinds.Decision, $"D-{i}", t.AddMinutes(i), utf8));
            }
            Assert.Throws<ArgumentException>(() => bytes.AppendUtf8(AuditKinds.Decision, "bad", t, [0x7b, 0xff, 0x7d]));
        }
        Assert.True(AuditVerifier.Verify(text.Records).Ok);
        Assert.Equal(2, bytes.Records.Count);
        Assert.Equal(text.Records.TakeLast(2), bytes.Records);
        var v = AuditVerifier.Verify(path);
        Assert.True(v.Ok, v.ToString());
        Assert.Equal(text.HeadHash, v.HeadHash);
    }
}
