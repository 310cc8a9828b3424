using Microsoft.Data.Sqlite;
using Platform3.Core.Errors;

namespace Platform3.Trading.Audit;

/// <summary>Read-only access to an audit database, for verification and explanations.</summary>
public sealed class AuditReader : IDisposable
{
    private readonly SqliteConnection _connection;

    public string Path { get; }

    public AuditReader(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"Audit log not found: {path}");
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            _connection = SqliteAuditLog.Open(Path, readOnly: true);
            using var check = _connection.CreateCommand();
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'audit_head')";
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 2)
                throw new DataException($"{Path}: not a Platform3 audit log (tables audit_log and audit_head are missing)");
        }
        catch (SqliteException ex)
        {
            throw new DataException($"{Path}: cannot read the audit log: {ex.Message}", ex);
        }
    }

    /// <summary>Every record in sequence order, streamed.</summary>
    public IEnumerable<AuditRecord> ReadAll()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT seq, kind, ref_id, time_ticks, payload, prev_hash, hash FROM audit_log ORDER BY seq";
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return Read(r);
    }

    public (long Seq, string Hash)? Head()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetString(1)) : null;
    }

    /// <summary>Records whose reference id is <paramref name="refId"/> (a decision and its orders and fills), in order.</summary>
    public IReadOnlyList<AuditRecord> ByRef(string refId)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT seq, kind, ref_id, time_ticks, payload, prev_hash, hash FROM audit_log WHERE ref_id = $ref ORDER BY seq";
        cmd.Parameters.AddWithValue("$ref", refId);
        using var r = cmd.ExecuteReader();
        var list = new List<AuditRecord>();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    private static AuditRecord Read(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetString(6));

    public void Dispose() => _connection.Dispose();
}
