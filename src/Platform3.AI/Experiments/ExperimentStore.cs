using System.Globalization;
using Microsoft.Data.Sqlite;
using Platform3.AI.Common;
using Platform3.Core.Errors;

namespace Platform3.AI.Experiments;

/// <summary>
/// Experiment tracking under DATA_DIR/experiments: run metadata and metrics in SQLite (experiments.db),
/// artifacts (model, out-of-sample predictions, feature importance, config) in runs/RUN_ID/ beside it.
/// </summary>
public sealed class ExperimentStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS runs(
            id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, started_utc TEXT NOT NULL, finished_utc TEXT,
            duration_s REAL NOT NULL DEFAULT 0, config TEXT NOT NULL, params TEXT NOT NULL, feature_set TEXT NOT NULL,
            feature_set_hash TEXT NOT NULL, data TEXT NOT NULL, git_commit TEXT, seeds TEXT NOT NULL, error TEXT);
        CREATE TABLE IF NOT EXISTS metrics(run_id TEXT NOT NULL REFERENCES runs(id), fold INTEGER NOT NULL, subject TEXT NOT NULL,
            metric TEXT NOT NULL, value REAL, PRIMARY KEY(run_id, fold, subject, metric));
        CREATE TABLE IF NOT EXISTS artifacts(run_id TEXT NOT NULL REFERENCES runs(id), name TEXT NOT NULL, path TEXT NOT NULL,
            sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY(run_id, name));
        CREATE INDEX IF NOT EXISTS runs_by_name ON runs(name, started_utc);
        """;

    private readonly TimeProvider _clock;

    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "experiments.db");

    public ExperimentStore(string root, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(root);
        _clock = clock ?? TimeProvider.System;
        using var _ = Open();
    }

    public static ExperimentStore ForDataDir(string dataDir) => new(Path.Combine(dataDir, "experiments"));

    private SqliteConnection Open() => SqliteDb.Open(DatabasePath, Schema);

    public string RunDirectory(string runId) => Path.Combine(Root, "runs", runId);

    /// <summary>Records a new run as running and returns its id (time-ordered, unique).</summary>
    public string StartRun(string name, string configText, IReadOnlyDictionary<string, string> parameters, string featureSet, string featureSetHash,
        Features.DataFingerprint data, string? gitCommit, IReadOnlyDictionary<string, int> seeds)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var id = $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
        Directory.CreateDirectory(RunDirectory(id));
        using var c = Open();
        SqliteDb.Execute(c, """
            INSERT INTO runs(id, name, status, started_utc, config, params, feature_set, feature_set_hash, data, git_commit, seeds)
            VALUES($id, $n, 'running', $s, $cfg, $p, $fs, $fh, $d, $g, $seeds)
            """, ("$id", id), ("$n", name), ("$s", now.ToString("O", CultureInfo.InvariantCulture)), ("$cfg", configText),
            ("$p", Json.Serialize(parameters)), ("$fs", featureSet), ("$fh", featureSetHash), ("$d", Json.Serialize(data)),
            ("$g", gitCommit), ("$seeds", Json.Serialize(seeds)));
        return id;
    }

    public void LogMetrics(string runId, IEnumerable<MetricRecord> metrics)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        foreach (var m in metrics)
            SqliteDb.Execute(c, "INSERT OR REPLACE INTO metrics(run_id, fold, subject, metric, value) VALUES($r, $f, $s, $m, $v)",
                ("$r", runId), ("$f", m.Fold), ("$s", m.Subject), ("$m", m.Metric), ("$v", double.IsFinite(m.Value) ? m.Value : null));
        tx.Commit();
    }

    /// <summary>Writes an artifact into the run's folder (crash-safely) and records its hash.</summary>
    public ArtifactRecord AddArtifact(string runId, string name, Action<Stream> write)
    {
        var relative = Path.Combine("runs", runId, name);
        var path = Path.Combine(Root, relative);
        AtomicFile.Write(path, s => write(s));
        var record = new ArtifactRecord(name, relative, Hashing.Sha256File(path), new FileInfo(path).Length);
        using var c = Open();
        SqliteDb.Execute(c, "INSERT OR REPLACE INTO artifacts(run_id, name, path, sha256, bytes) VALUES($r, $n, $p, $h, $b)",
            ("$r", runId), ("$n", name), ("$p", relative), ("$h", record.Sha256), ("$b", record.Bytes));
        return record;
    }

    public ArtifactRecord AddArtifactFile(string runId, string name, string sourceFile) =>
        AddArtifact(runId, name, s => { using var src = File.OpenRead(sourceFile); src.CopyTo(s); });

    public string ArtifactPath(string runId, string name)
    {
        var a = Get(runId).Artifacts.FirstOrDefault(x => x.Name == name)
            ?? throw new UsageException($"Run {runId} has no artifact '{name}'.");
        return Path.Combine(Root, a.RelativePath);
    }

    public void Finish(string runId, RunStatus status, string? error = null)
    {
        var run = Get(runId);
        var now = _clock.GetUtcNow().UtcDateTime;
        using var c = Open();
        SqliteDb.Execute(c, "UPDATE runs SET status = $st, finished_utc = $f, duration_s = $d, error = $e WHERE id = $id",
            ("$st", status.ToString().ToLowerInvariant()), ("$f", now.ToString("O", CultureInfo.InvariantCulture)),
            ("$d", (now - run.StartedUtc).TotalSeconds), ("$e", error), ("$id", runId));
    }

    public RunRecord Get(string runId) => TryGet(runId) ?? throw new UsageException($"No experiment run '{runId}'." + Recent());

    public RunRecord? TryGet(string runId)
    {
        using var c = Open();
        var id = ResolveId(c, runId);
        if (id is null) return null;
        using var cmd = SqliteDb.Command(c, "SELECT * FROM runs WHERE id = $id", ("$id", id));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var run = ReadRun(r);
        return run with { Metrics = ReadMetrics(c, id), Artifacts = ReadArtifacts(c, id) };
    }

    /// <summary>Runs, newest first, optionally for one model name.</summary>
    public IReadOnlyList<RunRecord> List(string? name = null, int limit = 50)
    {
        using var c = Open();
        using var cmd = SqliteDb.Command(c, "SELECT * FROM runs WHERE ($n IS NULL OR name = $n) ORDER BY started_utc DESC, id DESC LIMIT $l",
            ("$n", name), ("$l", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<RunRecord>();
        while (r.Read()) list.Add(ReadRun(r));
        return list.Select(x => x with { Metrics = ReadMetrics(c, x.Id) }).ToArray();
    }

    /// <summary>Accepts a full id or a unique prefix.</summary>
    private static string? ResolveId(SqliteConnection c, string runId)
    {
        using var cmd = SqliteDb.Command(c, "SELECT id FROM runs WHERE id = $id OR id LIKE $p ORDER BY id LIMIT 2", ("$id", runId), ("$p", runId + "%"));
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        if (ids.Contains(runId)) return runId;
        if (ids.Count > 1) throw new UsageException($"Run id prefix '{runId}' is ambiguous ({string.Join(", ", ids)}, ...).");
        return ids.FirstOrDefault();
    }

    private string Recent()
    {
        var recent = List(limit: 5);
        return recent.Count == 0 ? " No runs recorded yet." : $" Recent runs: {string.Join(", ", recent.Select(r => r.Id))}.";
    }

    private static RunRecord ReadRun(SqliteDataReader r)
    {
        string S(string col) => r.GetString(r.GetOrdinal(col));
        string? N(string col) => SqliteDb.NullableString(r, r.GetOrdinal(col));
        return new RunRecord
        {
            Id = S("id"), Name = S("name"), Status = Enum.Parse<RunStatus>(S("status"), true),
            StartedUtc = DateTime.Parse(S("started_utc"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            FinishedUtc = N("finished_utc") is { } f ? DateTime.Parse(f, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
            DurationSeconds = r.GetDouble(r.GetOrdinal("duration_s")),
            ConfigText = S("config"),
            Parameters = Json.Deserialize<Dictionary<string, string>>(S("params")),
            FeatureSet = S("feature_set"), FeatureSetHash = S("feature_set_hash"),
            Data = Json.Deserialize<Features.DataFingerprint>(S("data")),
            GitCommit = N("git_commit"),
            Seeds = Json.Deserialize<Dictionary<string, int>>(S("seeds")),
            Error = N("error"),
        };
    }

    private static List<MetricRecord> ReadMetrics(SqliteConnection c, string id)
    {
        using var cmd = SqliteDb.Command(c, "SELECT fold, subject, metric, value FROM metrics WHERE run_id = $id ORDER BY fold, subject, rowid", ("$id", id));
        using var r = cmd.ExecuteReader();
        var list = new List<MetricRecord>();
        while (r.Read()) list.Add(new MetricRecord(r.GetInt32(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3)));
        return list;
    }

    private static List<ArtifactRecord> ReadArtifacts(SqliteConnection c, string id)
    {
        using var cmd = SqliteDb.Command(c, "SELECT name, path, sha256, bytes FROM artifacts WHERE run_id = $id ORDER BY name", ("$id", id));
        using var r = cmd.ExecuteReader();
        var list = new List<ArtifactRecord>();
        while (r.Read()) list.Add(new ArtifactRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return list;
    }
}
