using System.CommandLine;
using System.Globalization;
using Platform3.AI.Features;
using Platform3.AI.Inference.Onnx;
using Platform3.AI.Registry;
using Platform3.AI.Training;
using Platform3.Core.Errors;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 models list|show|promote|rollback|archive|delete|history|import-onnx</c>: the model registry.</summary>
internal static class ModelsCommands
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("models", "The model registry: versions, aliases (champion, challenger, ...), lineage, import.");
        cmd.Subcommands.Add(List(context));
        cmd.Subcommands.Add(Show(context));
        cmd.Subcommands.Add(Promote(context));
        cmd.Subcommands.Add(Rollback(context));
        cmd.Subcommands.Add(Archive(context, delete: false));
        cmd.Subcommands.Add(Archive(context, delete: true));
        cmd.Subcommands.Add(History(context));
        cmd.Subcommands.Add(ImportOnnx(context));
        return cmd;
    }

    private static ModelRegistry Registry(CliContext ctx) => ModelRegistry.ForDataDir(ctx.DataDir);

    private static Command List(Func<ParseResult, CliContext> context)
    {
        var name = new Argument<string?>("name") { Description = "Only this model.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Include deleted versions." };
        var cmd = new Command("list", "List registered versions with their aliases, status and headline metrics.");
        cmd.Arguments.Add(name);
        cmd.Options.Add(all);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var reg = Registry(ctx);
            var versions = reg.List(r.GetValue(name), r.GetValue(all));
            if (versions.Count == 0) { r.InvocationConfiguration.Output.WriteLine("no models registered"); return 0; }
            var aliases = versions.Select(v => v.Name).Distinct().ToDictionary(n => n, reg.Aliases);
            AiCli.Table(r.InvocationConfiguration.Output, ["model", "format", "status", "aliases", "features", "auc", "accuracy", "run", "created (UTC)"],
                versions.Select(v => (IReadOnlyList<string>)
                [
                    v.Ref, v.Format.ToString(), v.Status.ToString().ToLowerInvariant(),
                    string.Join(",", aliases[v.Name].Where(a => a.Value == v.Version).Select(a => a.Key)),
                    v.Signature.FeatureSet, AiCli.F(v.Metrics.GetValueOrDefault("auc", double.NaN)),
                    AiCli.F(v.Metrics.GetValueOrDefault("accuracy", double.NaN)), v.RunId ?? "-", AiCli.Utc(v.CreatedUtc),
                ]));
            return 0;
        });
        return cmd;
    }

    private static Command Show(Func<ParseResult, CliContext> context)
    {
        var model = new Argument<string>("model") { Description = "NAME, NAME@VERSION or NAME@ALIAS." };
        var cmd = new Command("show", "Show a version: signature, lineage, metrics, tags, artifact hash (verified).");
        cmd.Arguments.Add(model);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var reg = Registry(ctx);
            var v = reg.Resolve(r.GetValue(model)!);
            var o = r.InvocationConfiguration.Output;
            o.WriteLine($"{v.Ref}  {v.Format}  {v.Status.ToString().ToLowerInvariant()}  created {AiCli.Utc(v.CreatedUtc)} UTC");
            if (v.Description is not null) o.WriteLine($"  {v.Description}");
            var aliases = reg.Aliases(v.Name).Where(a => a.Value == v.Version).Select(a => a.Key).ToArray();
            o.WriteLine($"aliases: {(aliases.Length == 0 ? "-" : string.Join(", ", aliases))}");
            var s = v.Signature;
            o.WriteLine($"signature: {s.FeatureSet} (hash {s.FeatureSetHash?[..12] ?? "-"}), {s.Inputs.Count} inputs, task {s.Task}" +
                        (s.ClassValues.Count > 0 ? $", classes [{string.Join(", ", ClassNames.For(s.ClassValues))}]" : "") +
                        (s.Timeframe is null ? "" : $", {string.Join(",", s.Symbols)} {s.Timeframe}"));
            if (s.Label is not null) o.WriteLine($"label: {s.Label}");
            if (s.OnnxInput is not null) o.WriteLine($"onnx tensors: input '{s.OnnxInput}', output '{s.OnnxOutput}'");
            o.WriteLine($"inputs: {string.Join(", ", s.Inputs)}");
            o.WriteLine($"lineage: run {v.RunId ?? "(none: imported)"}");
            o.WriteLine($"artifact: {v.ArtifactPath} sha256 {v.Sha256}");
            try
            {
                reg.VerifiedArtifactPath(v);
                o.WriteLine("integrity: OK (SHA-256 matches)");
            }
            catch (ModelIntegrityException ex)
            {
                o.WriteLine($"integrity: FAILED — {ex.Message}");
            }
            foreach (var (k, val) in v.Metrics) o.WriteLine($"  {k,-32} {AiCli.F(val)}");
            foreach (var (k, val) in v.Tags) o.WriteLine($"  tag {k} = {val}");
            return 0;
        });
        return cmd;
    }

    private static (Argument<string> Name, Option<string> Alias, Option<string?> Reason) AliasArgs(Command cmd)
    {
        var name = new Argument<string>("name") { Description = "Model name." };
        var alias = new Option<string>("--alias") { Description = "Alias to move (default champion).", DefaultValueFactory = _ => "champion" };
        var reason = AiCli.Optional("--reason", "Why (kept in the audit log).");
        cmd.Arguments.Add(name); cmd.Options.Add(alias); cmd.Options.Add(reason);
        return (name, alias, reason);
    }

    private static Command Promote(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("promote", "Point an alias at a version (writes an audit entry; servers hot-swap to it).");
        var (name, alias, reason) = AliasArgs(cmd);
        var version = new Option<int>("--version") { Description = "Version to promote.", Required = true };
        cmd.Options.Add(version);
        cmd.SetAction(r =>
        {
            var e = Registry(context(r)).Promote(r.GetValue(name)!, r.GetValue(alias)!, r.GetValue(version), AiCli.Actor(), r.GetValue(reason));
            r.InvocationConfiguration.Output.WriteLine($"{e.Name}@{e.Alias}: {(e.FromVersion is null ? "(none)" : "v" + e.FromVersion)} → v{e.ToVersion} by {e.Actor}");
            return 0;
        });
        return cmd;
    }

    private static Command Rollback(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("rollback", "Move an alias back to the version it held before its latest promotion (writes an audit entry).");
        var (name, alias, reason) = AliasArgs(cmd);
        cmd.SetAction(r =>
        {
            var e = Registry(context(r)).Rollback(r.GetValue(name)!, r.GetValue(alias)!, AiCli.Actor(), r.GetValue(reason));
            r.InvocationConfiguration.Output.WriteLine($"{e.Name}@{e.Alias}: v{e.FromVersion} → v{e.ToVersion} (rollback) by {e.Actor}");
            return 0;
        });
        return cmd;
    }

    private static Command Archive(Func<ParseResult, CliContext> context, bool delete)
    {
        var model = new Argument<string>("model") { Description = "NAME@VERSION." };
        var cmd = new Command(delete ? "delete" : "archive", delete
            ? "Delete a version's artifact (metadata, lineage and audit stay). Refused while an alias points at it."
            : "Archive a version: it stays loadable by version but can no longer take an alias.");
        cmd.Arguments.Add(model);
        cmd.SetAction(r =>
        {
            var reg = Registry(context(r));
            var m = ModelRef.Parse(r.GetValue(model)!);
            if (m.Version is not { } v) throw new UsageException($"Give an exact version, e.g. {m.Name}@3.");
            if (delete) reg.Delete(m.Name, v); else reg.Archive(m.Name, v);
            r.InvocationConfiguration.Output.WriteLine($"{m.Name}@{v} {(delete ? "deleted" : "archived")}");
            return 0;
        });
        return cmd;
    }

    private static Command History(Func<ParseResult, CliContext> context)
    {
        var name = new Argument<string>("name") { Description = "Model name." };
        var alias = AiCli.Optional("--alias", "Only this alias.");
        var cmd = new Command("history", "The audit trail of alias moves.");
        cmd.Arguments.Add(name); cmd.Options.Add(alias);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var events = Registry(ctx).AliasHistory(r.GetValue(name)!, r.GetValue(alias));
            AiCli.Table(r.InvocationConfiguration.Output, ["#", "when (UTC)", "alias", "action", "from", "to", "by", "reason"], events.Select(e => (IReadOnlyList<string>)
            [
                e.Id.ToString(CultureInfo.InvariantCulture), AiCli.Utc(e.AtUtc), e.Alias, e.Action,
                e.FromVersion?.ToString(CultureInfo.InvariantCulture) ?? "-", e.ToVersion?.ToString(CultureInfo.InvariantCulture) ?? "-", e.Actor, e.Reason ?? "",
            ]));
            return 0;
        });
        return cmd;
    }

    private static Command ImportOnnx(Func<ParseResult, CliContext> context)
    {
        var file = AiCli.Required("--file", "The ONNX model (one float input [N, features], one float output [N, classes] or [N, 1]).");
        var set = AiCli.Required("--feature-set", "Feature set the model consumes, e.g. core@2 (its columns, in order, are the input).");
        var name = AiCli.Required("--name", "Registry name.");
        var timeframe = new Option<string>("--timeframe") { Description = "Timeframe of the feature columns (default M15).", DefaultValueFactory = _ => "M15" };
        var task = new Option<string>("--task") { Description = "binary | multiclass | regression (default binary).", DefaultValueFactory = _ => "binary" };
        var classes = AiCli.Optional("--classes", "Class values in output order, comma-separated (default -1,1 or -1,0,1).");
        var input = AiCli.Optional("--input", "Input tensor name (default: the first input).");
        var output = AiCli.Optional("--output", "Output tensor name (default: the first float tensor output).");
        var cmd = new Command("import-onnx", "Register a model trained outside Platform3 (e.g. in Python) from an ONNX file.");
        foreach (var opt in new Option[] { file, set, name, timeframe, task, classes, input, output }) cmd.Options.Add(opt);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var fs = FeatureSetCatalog.Get(r.GetValue(set)!);
            var tf = AiCli.ParseTimeframe(r.GetValue(timeframe)!);
            var kind = r.GetValue(task)!.ToLowerInvariant() switch
            {
                "binary" => TaskKind.Binary,
                "multiclass" => TaskKind.Multiclass,
                "regression" => TaskKind.Regression,
                var t => throw new UsageException($"--task: '{t}' is not binary, multiclass or regression."),
            };
            var values = r.GetValue(classes) is { } c
                ? c.Split(',').Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                    : throw new UsageException($"--classes: '{x}' is not a number.")).ToArray()
                : kind == TaskKind.Multiclass ? [-1.0, 0.0, 1.0] : kind == TaskKind.Binary ? [-1.0, 1.0] : [];
            var v = OnnxImporter.Import(Registry(ctx), r.GetValue(file)!, r.GetValue(name)!, fs.Id, fs.Hash(tf), fs.Names(tf), kind, values,
                r.GetValue(input), r.GetValue(output), new Dictionary<string, string> { ["timeframe"] = tf.Name });
            r.InvocationConfiguration.Output.WriteLine($"registered {v.Ref} (ONNX, {v.Signature.Inputs.Count} inputs from {fs.Id}, sha256 {v.Sha256[..12]})");
            return 0;
        });
        return cmd;
    }
}
