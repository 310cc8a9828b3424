using System.Globalization;
using Microsoft.Data.Sqlite;
using Platform3.AI.Common;
using Platform3.Core.Errors;

namespace Platform3.AI.Registry;

/// <summary>
/// The model registry: names with auto-incremented versions, artifacts (ML.NET zip or ONNX) stored under
/// the registry folder with their SHA-256, signatures, lineage to experiment runs, metrics, tags, and
/// aliases (champion, challenger or any name) whose every move is written to an audit log. Metadata is in
/// SQLite (registry.db); artifacts sit beside it in NAME/VERSION/. Every load verifies the SHA-256.
/// </summary>
public sealed class ModelRegistry
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS versions(
            name TEXT NOT NULL, version INTEGER NOT NULL, format TEXT NOT NULL, artifact TEXT NOT NULL, sha256 TEXT NOT NULL,
            signature TEXT NOT NULL, run_id TEXT, metrics TEXT NOT NULL, tags TEXT NOT NULL, status TEXT NOT NULL,
            created_utc TEXT NOT NULL, description TEXT, PRIMARY KEY(name, version));
        CREATE TABLE IF NOT EXISTS aliases(name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY(name, alias));
        CREATE TABLE IF NOT EXISTS alias_events(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, alias TEXT NOT NULL,
            from_version INTEGER, to_version INTEGER, action TEXT NOT NULL, at_utc TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT);
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO meta(key, value) VALUES('generation', 0);
        """;

    private readonly TimeProvider _clock;

    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "registry.db");

    /// <param name="root">The registry folder, normally DATA_DIR/models.</param>
    public ModelRegistry(string root, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(root);
        _clock = clock ?? TimeProvider.System;
        using var _ = Open();
    }

    public static ModelRegistry ForDataDir(string dataDir) => new(Path.Combine(dataDir, "models"));

    private SqliteConnection Open() => SqliteDb.Open(DatabasePath, Schema);

    /// <summary>Registers a new version of <paramref name="name"/>: copies and hashes the artifact, then records the version.</summary>
    public ModelVersion Register(string name, string artifactFile, ArtifactFormat format, ModelSignature signature, string? runId = null,
        IReadOnlyDictionary<string, double>? metrics = null, IReadOnlyDictionary<string, string>? tags = null, string? description = null)
    {
        if (!ModelRef.IsValidName(name)) throw new UsageException($"Invalid model name '{name}': use letters, digits, '.', '_' and '-'.");
        if (!File.Exists(artifactFile)) throw new UsageException($"Model artifact not found: {artifactFile}");
        using var c = Open();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.Serializable);
        var version = Convert.ToInt32(SqliteDb.Scalar(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE name = $n", ("$n", name)),
            CultureInfo.InvariantCulture);
        var relative = Path.Combine(name, version.ToString(CultureInfo.InvariantCulture), format == ArtifactFormat.Onnx ? "model.onnx" : "model.zip");
        var target = Path.Combine(Root, relative);
        AtomicFile.Copy(artifactFile, target);
        try
        {
            var mv = new ModelVersion
            {
                Name = name, Version = version, Format = format, ArtifactPath = relative, Sha256 = Hashing.Sha256File(target),
                Signature = signature, RunId = runId, Metrics = metrics ?? new Dictionary<string, double>(),
                Tags = tags ?? new Dictionary<string, string>(), CreatedUtc = _clock.GetUtcNow().UtcDateTime, Description = description,
            };
            SqliteDb.Execute(c, """
                INSERT INTO versions(name, version, format, artifact, sha256, signature, run_id, metrics, tags, status, created_utc, description)
                VALUES($n, $v, $f, $a, $h, $s, $r, $m, $t, 'active', $c, $d)
                """,
                ("$n", name), ("$v", version), ("$f", format.ToString()), ("$a", relative), ("$h", mv.Sha256),
                ("$s", Json.Serialize(signature)), ("$r", runId), ("$m", Json.Serialize(mv.Metrics)), ("$t", Json.Serialize(mv.Tags)),
                ("$c", mv.CreatedUtc.ToString("O", CultureInfo.InvariantCulture)), ("$d", description));
            tx.Commit();
            return mv;
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    public IReadOnlyList<ModelVersion> List(string? name = null, bool includeDeleted = false)
    {
        using var c = Open();
        using var cmd = SqliteDb.Command(c, "SELECT * FROM versions WHERE ($n IS NULL OR name = $n) ORDER BY name, version", ("$n", name));
        using var r = cmd.ExecuteReader();
        var list = new List<ModelVersion>();
        while (r.Read())
        {
            var v = ReadVersion(r);
            if (includeDeleted || v.Status != VersionStatus.Deleted) list.Add(v);
        }
        return list;
    }

    public IReadOnlyList<string> Names() => List().Select(v => v.Name).Distinct().ToArray();

    public ModelVersion Get(string name, int version) => TryGet(name, version)
        ?? throw new UsageException($"Model {name}@{version} is not registered." + Known(name));

    public ModelVersion? TryGet(string name, int version)
    {
        using var c = Open();
        using var cmd = SqliteDb.Command(c, "SELECT * FROM versions WHERE name = $n AND version = $v", ("$n", name), ("$v", version));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadVersion(r) : null;
    }

    /// <summary>Resolves NAME@ALIAS, NAME@VERSION or NAME (latest active version).</summary>
    public ModelVersion Resolve(ModelRef reference)
    {
        if (reference.Version is { } v) return Get(reference.Name, v);
        if (reference.Alias is { } alias)
        {
            if (List(reference.Name, includeDeleted: true).Count == 0)
                throw new UsageException($"No model named '{reference.Name}'." + Known(reference.Name));
            var target = AliasVersion(reference.Name, alias)
                ?? throw new UsageException($"Model {reference.Name} has no alias '{alias}'." + KnownAliases(reference.Name));
            return Get(reference.Name, target);
        }
        return List(reference.Name).LastOrDefault(x => x.Status == VersionStatus.Active)
               ?? throw new UsageException($"Model '{reference.Name}' has no active version." + Known(reference.Name));
    }

    public ModelVersion Resolve(string reference) => Resolve(ModelRef.Parse(reference));

    public int? AliasVersion(string name, string alias)
    {
        using var c = Open();
        var v = SqliteDb.Scalar(c, "SELECT version FROM aliases WHERE name = $n AND alias = $a", ("$n", name), ("$a", alias));
        return v is null ? null : Convert.ToInt32(v, CultureInfo.InvariantCulture);
    }

    public IReadOnlyDictionary<string, int> Aliases(string name)
    {
        using var c = Open();
        using var cmd = SqliteDb.Command(c, "SELECT alias, version FROM aliases WHERE name = $n ORDER BY alias", ("$n", name));
        using var r = cmd.ExecuteReader();
        var d = new Dictionary<string, int>();
        while (r.Read()) d[r.GetString(0)] = r.GetInt32(1);
        return d;
    }

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/> (an active version) and writes an audit entry.</summary>
    public AliasEvent Promote(string name, string alias, int version, string actor, string? reason = null)
    {
        ValidateAlias(alias);
        var target = Get(name, version);
        if (target.Status != VersionStatus.Active)
            throw new UsageException($"{target.Ref} is {target.Status.ToString().ToLowerInvariant()}; only active versions can take an alias.");
        return MoveAlias(name, alias, version, "promote", actor, reason);
    }

    /// <summary>
    /// Moves <paramref name="alias"/> back to the version it pointed at before its latest promotion (undoing
    /// promotions one at a time, skipping ones already rolled back) and writes an audit entry.
    /// </summary>
    public AliasEvent Rollback(string name, string alias, string actor, string? reason = null)
    {
        ValidateAlias(alias);
        var stack = new List<int>();
        foreach (var e in AliasHistory(name, alias))
        {
            switch (e.Action)
            {
                case "promote" when e.ToVersion is { } to: stack.Add(to); break;
                case "rollback" when stack.Count > 0: stack.RemoveAt(stack.Count - 1); break;
                case "remove": stack.Clear(); break;
            }
        }
        if (stack.Count < 2)
            throw new UsageException($"{name}@{alias} has no earlier version to roll back to (alias history: {AliasHistory(name, alias).Count} entries).");
        var previous = stack[^2];
        var target = Get(name, previous);
        if (target.Status != VersionStatus.Active)
            throw new UsageException($"Cannot roll {name}@{alias} back to {target.Ref}: that version is {target.Status.ToString().ToLowerInvariant()}.");
        return MoveAlias(name, alias, previous, "rollback", actor, reason);
    }

    public AliasEvent RemoveAlias(string name, string alias, string actor, string? reason = null)
    {
        if (AliasVersion(name, alias) is null) throw new UsageException($"Model {name} has no alias '{alias}'." + KnownAliases(name));
        return MoveAlias(name, alias, null, "remove", actor, reason);
    }

    private AliasEvent MoveAlias(string name, string alias, int? version, string action, string actor, string? reason)
    {
        using var c = Open();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.Serializable);
        var from = SqliteDb.Scalar(c, "SELECT version FROM aliases WHERE name = $n AND alias = $a", ("$n", name), ("$a", alias));
        int? fromVersion = from is null ? null : Convert.ToInt32(from, CultureInfo.InvariantCulture);
        if (version is null) SqliteDb.Execute(c, "DELETE FROM aliases WHERE name = $n AND alias = $a", ("$n", name), ("$a", alias));
        else SqliteDb.Execute(c, "INSERT INTO aliases(name, alias, version) VALUES($n, $a, $v) ON CONFLICT(name, alias) DO UPDATE SET version = $v",
            ("$n", name), ("$a", alias), ("$v", version));
        var at = _clock.GetUtcNow().UtcDateTime;
        SqliteDb.Execute(c, """
            INSERT INTO alias_events(name, alias, from_version, to_version, action, at_utc, actor, reason)
            VALUES($n, $a, $f, $t, $act, $at, $who, $why)
            """, ("$n", name), ("$a", alias), ("$f", fromVersion), ("$t", version), ("$act", action),
            ("$at", at.ToString("O", CultureInfo.InvariantCulture)), ("$who", actor), ("$why", reason));
        var id = (long)SqliteDb.Scalar(c, "SELECT last_insert_rowid()")!;
        BumpGeneration(c);
        tx.Commit();
        return new AliasEvent(id, name, alias, fromVersion, version, action, at, actor, reason);
    }

    /// <summary>The audit trail of alias moves, oldest first (for one alias, or all aliases of a model).</summary>
    public IReadOnlyList<AliasEvent> AliasHistory(string name, string? alias = null)
    {
        using var c = Open();
        using var cmd = SqliteDb.Command(c,
            "SELECT id, name, alias, from_version, to_version, action, at_utc, actor, reason FROM alias_events WHERE name = $n AND ($a IS NULL OR alias = $a) ORDER BY id",
            ("$n", name), ("$a", alias));
        using var r = cmd.ExecuteReader();
        var list = new List<AliasEvent>();
        while (r.Read())
            list.Add(new AliasEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), SqliteDb.NullableInt(r, 3), SqliteDb.NullableInt(r, 4),
                r.GetString(5), DateTime.Parse(r.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), r.GetString(7),
                SqliteDb.NullableString(r, 8)));
        return list;
    }

    /// <summary>Archives a version: kept on disk and loadable by version, but it can no longer take an alias.</summary>
    public void Archive(string name, int version)
    {
        var v = Get(name, version);
        if (v.Status == VersionStatus.Deleted) throw new UsageException($"{v.Ref} is deleted.");
        RefuseIfAliased(name, version, "archive");
        SetStatus(name, version, VersionStatus.Archived);
    }

    /// <summary>Deletes a version's artifact; its metadata stays (status deleted) so lineage and audit remain readable.</summary>
    public void Delete(string name, int version)
    {
        var v = Get(name, version);
        RefuseIfAliased(name, version, "delete");
        SetStatus(name, version, VersionStatus.Deleted);
        var file = Path.Combine(Root, v.ArtifactPath);
        if (File.Exists(file)) File.Delete(file);
    }

    public void SetTag(string name, int version, string key, string value)
    {
        var v = Get(name, version);
        var tags = new Dictionary<string, string>(v.Tags) { [key] = value };
        using var c = Open();
        SqliteDb.Execute(c, "UPDATE versions SET tags = $t WHERE name = $n AND version = $v", ("$t", Json.Serialize(tags)), ("$n", name), ("$v", version));
    }

    /// <summary>
    /// The artifact's full path after checking it exists and its SHA-256 matches the registered one.
    /// A mismatch throws <see cref="ModelIntegrityException"/>: the model is never loaded.
    /// </summary>
    public string VerifiedArtifactPath(ModelVersion version)
    {
        if (version.Status == VersionStatus.Deleted) throw new UsageException($"{version.Ref} is deleted; it cannot be loaded.");
        var path = Path.Combine(Root, version.ArtifactPath);
        if (!File.Exists(path)) throw new ModelIntegrityException($"{version.Ref}: artifact {path} is missing.");
        var actual = Hashing.Sha256File(path);
        if (!string.Equals(actual, version.Sha256, StringComparison.Ordinal))
            throw new ModelIntegrityException($"{version.Ref}: artifact {path} has SHA-256 {actual}, registered {version.Sha256}; refusing to load a modified model.");
        return path;
    }

    /// <summary>Changes whenever an alias moves or a version's status changes, so servers can poll cheaply for hot swaps.</summary>
    public long Generation()
    {
        using var c = Open();
        return Convert.ToInt64(SqliteDb.Scalar(c, "SELECT value FROM meta WHERE key = 'generation'"), CultureInfo.InvariantCulture);
    }

    private void SetStatus(string name, int version, VersionStatus status)
    {
        using var c = Open();
        SqliteDb.Execute(c, "UPDATE versions SET status = $s WHERE name = $n AND version = $v",
            ("$s", status.ToString().ToLowerInvariant()), ("$n", name), ("$v", version));
        BumpGeneration(c);
    }

    private static void BumpGeneration(SqliteConnection c) => SqliteDb.Execute(c, "UPDATE meta SET value = value + 1 WHERE key = 'generation'");

    private void RefuseIfAliased(string name, int version, string what)
    {
        var aliases = Aliases(name).Where(a => a.Value == version).Select(a => a.Key).ToArray();
        if (aliases.Length > 0)
            throw new UsageException($"Cannot {what} {name}@{version}: alias(es) {string.Join(", ", aliases)} point at it. Move them first.");
    }

    private static void ValidateAlias(string alias)
    {
        if (!ModelRef.IsValidName(alias) || char.IsDigit(alias[0]) || alias.Equals("latest", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"Invalid alias '{alias}': use a name such as champion or challenger (not a number).");
    }

    private string Known(string name)
    {
        var versions = List(name).Select(v => v.Version).ToArray();
        if (versions.Length > 0) return $" Versions: {string.Join(", ", versions)}.";
        var names = Names();
        return names.Count > 0 ? $" Registered models: {string.Join(", ", names)}." : " The registry is empty.";
    }

    private string KnownAliases(string name)
    {
        var a = Aliases(name);
        return a.Count == 0 ? " It has no aliases." : $" Aliases: {string.Join(", ", a.Select(p => $"{p.Key} -> {p.Value}"))}.";
    }

    private static ModelVersion ReadVersion(SqliteDataReader r) => new()
    {
        Name = r.GetString(r.GetOrdinal("name")),
        Version = r.GetInt32(r.GetOrdinal("version")),
        Format = Enum.Parse<ArtifactFormat>(r.GetString(r.GetOrdinal("format"))),
        ArtifactPath = r.GetString(r.GetOrdinal("artifact")),
        Sha256 = r.GetString(r.GetOrdinal("sha256")),
        Signature = Json.Deserialize<ModelSignature>(r.GetString(r.GetOrdinal("signature"))),
        RunId = SqliteDb.NullableString(r, r.GetOrdinal("run_id")),
        Metrics = Json.Deserialize<Dictionary<string, double>>(r.GetString(r.GetOrdinal("metrics"))),
        Tags = Json.Deserialize<Dictionary<string, string>>(r.GetString(r.GetOrdinal("tags"))),
        Status = Enum.Parse<VersionStatus>(r.GetString(r.GetOrdinal("status")), ignoreCase: true),
        CreatedUtc = DateTime.Parse(r.GetString(r.GetOrdinal("created_utc")), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Description = SqliteDb.NullableString(r, r.GetOrdinal("description")),
    };
}
