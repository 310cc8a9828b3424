using System.Globalization;
using System.Text.Json;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Risk;

public enum HaltSource
{
    Manual,
    DailyLoss,
    Drawdown,
}

/// <summary>The kill switch's persisted state. <see cref="Version"/> increases with every change.</summary>
public sealed record KillSwitchState(bool Halted, HaltSource Source, string Reason, DateTime ChangedUtc, bool Flatten, string By, long Version)
{
    public static KillSwitchState Running { get; } = new(false, HaltSource.Manual, "", DateTime.MinValue, false, "", 0);
}

/// <summary>Where the kill-switch state lives between processes.</summary>
public interface IKillSwitchStore
{
    KillSwitchState Load();
    void Save(KillSwitchState state);
    /// <summary>A cheap token that changes when another process saved (file time); used to poll.</summary>
    long ChangeToken { get; }
}

public sealed class InMemoryKillSwitchStore : IKillSwitchStore
{
    private KillSwitchState _state = KillSwitchState.Running;
    public KillSwitchState Load() => _state;
    public void Save(KillSwitchState state) => _state = state;
    public long ChangeToken => _state.Version;
}

/// <summary>
/// The state as a small JSON file (by default data/risk/killswitch.json), written to a temp file, flushed
/// to disk and renamed over the old one, so a crash never leaves a half-written switch.
/// </summary>
public sealed class FileKillSwitchStore(string path) : IKillSwitchStore
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public long ChangeToken => File.Exists(Path) ? File.GetLastWriteTimeUtc(Path).Ticks * 31 + new FileInfo(Path).Length : 0;

    public KillSwitchState Load()
    {
        if (!File.Exists(Path)) return KillSwitchState.Running;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path));
            var r = doc.RootElement;
            return new KillSwitchState(
                r.GetProperty("halted").GetBoolean(),
                KillSwitch.ParseSource(r.GetProperty("source").GetString()),
                r.GetProperty("reason").GetString() ?? "",
                DateTime.Parse(r.GetProperty("changed_utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                r.GetProperty("flatten").GetBoolean(),
                r.GetProperty("by").GetString() ?? "",
                r.GetProperty("version").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or ArgumentException or InvalidOperationException)
        {
            // A switch we cannot read must not let trading continue: report it as a halt.
            return new KillSwitchState(true, HaltSource.Manual, $"kill-switch file {Path} is unreadable ({ex.Message})", DateTime.MinValue, false, "system", long.MaxValue);
        }
    }

    public void Save(KillSwitchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(dir);
        var tmp = Path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteBoolean("halted", state.Halted);
                w.WriteString("source", KillSwitch.Name(state.Source));
                w.WriteString("reason", state.Reason);
                w.WriteString("changed_utc", state.ChangedUtc.ToString("O", CultureInfo.InvariantCulture));
                w.WriteBoolean("flatten", state.Flatten);
                w.WriteString("by", state.By);
                w.WriteNumber("version", state.Version);
                w.WriteEndObject();
            }
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmp, Path, overwrite: true);
    }
}

/// <summary>
/// Halts trading: no order that opens or increases risk passes while halted. It is tripped by <c>p3 halt</c>
/// or automatically on the daily-loss or drawdown limit, and lifted by <c>p3 resume</c> (a daily-loss halt
/// may lift itself at the next trading day, per config). Every change is persisted and written to the audit log.
/// The engine reacts to a change (cancelling working orders, flattening if asked) through <see cref="Changed"/>
/// or, across processes, by polling <see cref="Refresh"/>.
/// </summary>
public sealed class KillSwitch
{
    private readonly IKillSwitchStore _store;
    private readonly IAuditLog? _audit;
    private long _token;

    public KillSwitchState State { get; private set; }
    public bool IsHalted => State.Halted;

    /// <summary>Raised after every change made here or picked up by <see cref="Refresh"/>.</summary>
    public event Action<KillSwitchState>? Changed;

    public KillSwitch(IKillSwitchStore store, IAuditLog? audit)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _audit = audit;
        State = store.Load();
        _token = store.ChangeToken;
    }

    public KillSwitchState Halt(HaltSource source, string reason, bool flatten, DateTime timeUtc, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var state = new KillSwitchState(true, source, reason, timeUtc, flatten, by, State.Version + 1);
        Apply(state, AuditKinds.Halt);
        return state;
    }

    public KillSwitchState Resume(string reason, DateTime timeUtc, string by)
    {
        var state = new KillSwitchState(false, State.Source, reason, timeUtc, false, by, State.Version + 1);
        Apply(state, AuditKinds.Resume);
        return state;
    }

    private void Apply(KillSwitchState state, string kind)
    {
        _store.Save(state);
        _token = _store.ChangeToken;
        State = state;
        _audit?.Append(kind, $"{kind}-{state.Version}", state.ChangedUtc, Payload(state));
        Changed?.Invoke(state);
    }

    /// <summary>Picks up a change another process saved (e.g. <c>p3 halt</c> while the engine runs). True when it changed.</summary>
    public bool Refresh()
    {
        var token = _store.ChangeToken;
        if (token == _token) return false;
        _token = token;
        var state = _store.Load();
        if (state == State) return false;
        State = state;
        Changed?.Invoke(state);
        return true;
    }

    /// <summary>The snake_case name used in files, the audit log and the CLI.</summary>
    public static string Name(HaltSource source) => source switch
    {
        HaltSource.DailyLoss => "daily_loss",
        HaltSource.Drawdown => "drawdown",
        _ => "manual",
    };

    internal static HaltSource ParseSource(string? name) => name switch
    {
        "daily_loss" => HaltSource.DailyLoss,
        "drawdown" => HaltSource.Drawdown,
        "manual" => HaltSource.Manual,
        _ => throw new FormatException($"unknown halt source '{name}'"),
    };

    public static string Payload(KillSwitchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteBoolean("halted", state.Halted);
            w.WriteString("source", Name(state.Source));
            w.WriteString("reason", state.Reason);
            w.WriteBoolean("flatten", state.Flatten);
            w.WriteString("by", state.By);
            w.WriteNumber("version", state.Version);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
