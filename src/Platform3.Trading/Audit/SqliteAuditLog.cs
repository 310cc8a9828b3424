using Microsoft.Data.Sqlite;

namespace Platform3.Trading.Audit;

public enum AuditDurability
{
    /// <summary>
    /// Every append is its own committed transaction with synchronous=FULL, and reads the chain head inside
    /// that transaction, so it is durable on return and safe with several writers (the engine and <c>p3 halt</c>).
    /// </summary>
    Synchronous,
    /// <summary>
    /// One writer; records are committed in batches (and on Flush/Dispose). For backtests, which can be re-run:
    /// a crash loses at most the open batch, never the chain's integrity.
    /// </summary>
    Batched,
}

/// <summary>
/// The durable audit log: one SQLite file (WAL, synchronous=FULL). Triggers refuse UPDATE and DELETE on the
/// records, and a one-row head table holds the last sequence and hash so a truncated tail is detected too.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _updateHead;
    private readonly SqliteCommand _readHead;
    private readonly AuditDurability _durability;
    private readonly int _batchSize;
    private SqliteTransaction? _batch;
    private int _inBatch;
    private long _seq;
    private string _head;

    public string Path { get; }
    public long Count => _seq;
    public string HeadHash => _head;

    public SqliteAuditLog(string path, AuditDurability durability = AuditDurability.Synchronous, int batchSize = 1000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _durability = durability;
        _batchSize = batchSize;
        _connection = Open(Path, readOnly: false);
        Exec("PRAGMA journal_mode=WAL;");
        Exec("PRAGMA synchronous=FULL;");
        Exec("PRAGMA busy_timeout=10000;");
        CreateSchema(_connection);

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO audit_log(seq, kind, ref_id, time_ticks, payload, prev_hash, hash) VALUES ($seq, $kind, $ref, $time, $payload, $prev, $hash)";
        foreach (var p in new[] { "$seq", "$kind", "$ref", "$time", "$payload", "$prev", "$hash" }) _insert.Parameters.Add(new SqliteParameter { ParameterName = p });
        _updateHead = _connection.CreateCommand();
        _updateHead.CommandText = "UPDATE audit_head SET seq = $seq, hash = $hash WHERE id = 1";
        _updateHead.Parameters.Add(new SqliteParameter { ParameterName = "$seq" });
        _updateHead.Parameters.Add(new SqliteParameter { ParameterName = "$hash" });
        _readHead = _connection.CreateCommand();
        _readHead.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
        (_seq, _head) = ReadHead();
    }

    internal static SqliteConnection Open(string path, bool readOnly)
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var c = new SqliteConnection(cs);
        c.Open();
        return c;
    }

    internal static void CreateSchema(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            CREATE TABLE IF NOT EXISTS audit_log(
              seq INTEGER PRIMARY KEY,
              kind TEXT NOT NULL,
              ref_id TEXT NOT NULL,
              time_ticks INTEGER NOT NULL,
              payload TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_log_ref ON audit_log(ref_id);
            CREATE TABLE IF NOT EXISTS audit_head(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
            INSERT OR IGNORE INTO audit_head(id, seq, hash) VALUES (1, 0, '{AuditChain.Genesis}');
            CREATE TRIGGER IF NOT EXISTS audit_log_append_only_update BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_log_append_only_delete BEFORE DELETE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_head_keep BEFORE DELETE ON audit_head
              BEGIN SELECT RAISE(ABORT, 'the audit head cannot be deleted'); END;
            """;
        cmd.ExecuteNonQuery();
    }

    private void Exec(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private (long, string) ReadHead()
    {
        using var r = _readHead.ExecuteReader();
        if (!r.Read()) throw new InvalidDataException($"{Path}: the audit head row is missing");
        return (r.GetInt64(0), r.GetString(1));
    }

    public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Append(kind, refId, timeUtc, payload, default, fromBytes: false);
    }

    /// <summary>The payload is stored as text (the column is TEXT), and hashed from the bytes it was given as.</summary>
    public string AppendUtf8(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload)
    {
        AuditChain.ValidateUtf8(utf8Payload);
        return Append(kind, refId, timeUtc, System.Text.Encoding.UTF8.GetString(utf8Payload), utf8Payload, fromBytes: true).Hash;
    }

    private AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload, ReadOnlySpan<byte> utf8Payload, bool fromBytes)
    {
        AuditChain.ValidateHeader(kind, refId);
        SqliteTransaction tx;
        if (_durability == AuditDurability.Synchronous)
        {
            tx = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: we hold the write lock from here
            _readHead.Transaction = tx;
            (_seq, _head) = ReadHead();                         // another process may have appended
        }
        else
        {
            _batch ??= _connection.BeginTransaction(deferred: false);
            tx = _batch;
        }
        try
        {
            var seq = _seq + 1;
            var hash = fromBytes
                ? AuditChain.ComputeHash(seq, kind, refId, timeUtc.Ticks, _head, utf8Payload)
                : AuditChain.ComputeHash(seq, kind, refId, timeUtc.Ticks, _head, payload);
            _insert.Transaction = tx;
            _insert.Parameters[0].Value = seq;
            _insert.Parameters[1].Value = kind;
            _insert.Parameters[2].Value = refId;
            _insert.Parameters[3].Value = timeUtc.Ticks;
            _insert.Parameters[4].Value = payload;
            _insert.Parameters[5].Value = _head;
            _insert.Parameters[6].Value = hash;
            _insert.ExecuteNonQuery();
            _updateHead.Transaction = tx;
            _updateHead.Parameters[0].Value = seq;
            _updateHead.Parameters[1].Value = hash;
            _updateHead.ExecuteNonQuery();
            var record = new AuditRecord(seq, kind, refId, timeUtc.Ticks, payload, _head, hash);
            if (_durability == AuditDurability.Synchronous)
            {
                tx.Commit();
                tx.Dispose();
            }
            else if (++_inBatch >= _batchSize) Flush();
            _seq = seq;
            _head = hash;
            return record;
        }
        catch
        {
            if (_durability == AuditDurability.Synchronous) { tx.Rollback(); tx.Dispose(); }
            throw;
        }
    }

    public void Flush()
    {
        if (_batch is null) return;
        _batch.Commit();
        _batch.Dispose();
        _batch = null;
        _inBatch = 0;
    }

    public void Dispose()
    {
        Flush();
        _insert.Dispose();
        _updateHead.Dispose();
        _readHead.Dispose();
        _connection.Dispose();
    }
}
