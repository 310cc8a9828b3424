using System.Globalization;
using Platform3.AI.Features;
using Platform3.AI.Labels;
using Platform3.AI.Registry;
using Platform3.AI.Training.Hpo;
using Platform3.AI.Training.Splits;
using Platform3.AI.Training.Trainers;
using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Engines.SignalProcessing;

namespace Platform3.AI.Training.Config;

/// <summary>
/// Reads and validates a model config with Core's <see cref="YamlConfig"/>, so every problem is reported at
/// once with its line and key path (e.g. "line 14: trainer.params.num_leaf: unknown key").
/// </summary>
public static class ModelConfigLoader
{
    public static ModelConfig Load(string path, InstrumentCatalog? instruments = null) =>
        Parse(File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"Model config not found: {path}"), path, instruments);

    public static ModelConfig Parse(string text, string fileName, InstrumentCatalog? instruments = null)
    {
        var catalog = instruments ?? InstrumentCatalog.Builtin;
        var root = YamlConfig.Parse(text, fileName);
        root.AllowOnly("name", "description", "symbols", "timeframe", "range", "features", "label", "trainer", "cv", "hpo", "seeds",
            "evaluation", "register");

        var name = root.RequireString("name") ?? "";
        if (name.Length > 0 && !Registry.ModelRef.IsValidName(name)) root.Error("name", $"'{name}' is not a valid model name (letters, digits, . _ -)");

        var symbols = root.OptionalStringList("symbols");
        if (!root.Has("symbols")) root.Error("symbols", "is required (a list such as [EURUSD])");
        foreach (var s in symbols)
            if (!catalog.TryGet(s, out _)) root.Error("symbols", $"unknown symbol '{s}'");

        var tfText = root.RequireString("timeframe");
        var tf = Timeframe.M15;
        if (tfText is not null && !Timeframe.TryParse(tfText, out tf)) root.Error("timeframe", $"unknown timeframe '{tfText}' (M1, M5, M15, M30, H1, ...)");

        var range = root.RequireMap("range");
        range?.AllowOnly("from", "to");
        var from = range?.RequireDate("from");
        var to = range?.RequireDate("to");
        if (from is not null && to is not null && to <= from) range!.Error("to", "must be after range.from");

        var featureSet = root.RequireString("features") ?? "";
        if (featureSet.Length > 0)
        {
            var set = FeatureSetCatalog.All.FirstOrDefault(s => string.Equals(s.Id, featureSet, StringComparison.OrdinalIgnoreCase));
            if (set is null) root.Error("features", $"unknown feature set '{featureSet}' (defined: {string.Join(", ", FeatureSetCatalog.All.Select(s => s.Id))})");
            else if (!set.Timeframes.Contains(tf)) root.Error("features", $"{set.Id} is defined for {string.Join(", ", set.Timeframes)}, not {tf}");
        }

        var (label, weights) = ReadLabel(root.RequireMap("label"), tf);
        var trainer = ReadTrainer(root.RequireMap("trainer"));
        if (root.GetChild("label") is not null && trainer.Kind.Task() == TaskKind.Regression != !label.IsClassification)
            root.Error("trainer", $"{trainer.Kind.Name()} predicts {trainer.Kind.Task()} but label {label.Kind} is {(label.IsClassification ? "a classification" : "a regression")} target");
        else if (label.Kind == LabelKind.MetaLabel && trainer.Kind.Task() != TaskKind.Binary)
            root.Error("trainer", $"{trainer.Kind.Name()} predicts {trainer.Kind.Task()} but a meta-label is binary (take the primary's bet or not): use a binary trainer");
        var cv = ReadCv(root.RequireMap("cv"));
        var seeds = root.OptionalMap("seeds");
        seeds?.AllowOnly("training", "hpo");
        var trainingSeed = seeds?.OptionalInt("training", 42, 0) ?? 42;
        var hpoSeed = seeds?.OptionalInt("hpo", 7, 0) ?? 7;
        var hpo = ReadHpo(root.OptionalMap("hpo"), trainer.Kind, hpoSeed, trainer.Kind.Task());
        var evaluation = ReadEvaluation(root.OptionalMap("evaluation"));
        var register = root.OptionalBool("register", true);

        root.Errors.ThrowIfAny();
        return new ModelConfig
        {
            Name = name,
            Description = root.OptionalString("description"),
            Symbols = symbols.Select(s => catalog.Get(s).Symbol).ToArray(),
            Timeframe = tf,
            FromUtc = from!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ToUtc = to!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            FeatureSet = FeatureSetCatalog.Get(featureSet).Id,
            Label = label,
            UniquenessWeights = weights,
            Trainer = trainer with { Seed = trainingSeed },
            Cv = cv,
            Hpo = hpo,
            TrainingSeed = trainingSeed,
            HpoSeed = hpoSeed,
            Evaluation = evaluation,
            Register = register,
            SourceText = text,
            SourcePath = fileName,
        };
    }

    private static (LabelSpec, bool) ReadLabel(ConfigNode? n, Timeframe tf)
    {
        if (n is null) return (new LabelSpec(), false);
        n.AllowOnly("kind", "horizon", "dead_zone", "dead_zone_unit", "profit_take_atr", "stop_loss_atr", "atr_period", "vertical", "weights", "primary");
        var kind = n.RequireOneOf("kind", "fixed-horizon", "triple-barrier", "forward-return", "forward-volatility", "meta-label") switch
        {
            "triple-barrier" => LabelKind.TripleBarrier,
            "forward-return" => LabelKind.ForwardReturn,
            "forward-volatility" => LabelKind.ForwardVolatility,
            "meta-label" => LabelKind.MetaLabel,
            _ => LabelKind.FixedHorizon,
        };
        PrimarySignalSpec? primary = null;
        if (kind == LabelKind.MetaLabel) primary = ReadPrimary(n.RequireMap("primary"), tf);
        else if (n.Has("primary")) n.Error("primary", "only a meta-label has a primary signal (kind: meta-label)");
        var spec = new LabelSpec
        {
            Kind = kind,
            Horizon = n.RequireInt("horizon", 1, 10_000),
            DeadZone = n.OptionalDouble("dead_zone", 0, 0),
            DeadZoneUnit = n.OptionalOneOf("dead_zone_unit", "pips", "pips", "atr") == "atr" ? WidthUnit.Atr : WidthUnit.Pips,
            ProfitTakeAtr = n.OptionalDouble("profit_take_atr", 1.0, 0, exclusiveMin: true),
            StopLossAtr = n.OptionalDouble("stop_loss_atr", 1.0, 0, exclusiveMin: true),
            AtrPeriod = n.OptionalInt("atr_period", 14, 1, 1000),
            Vertical = n.OptionalOneOf("vertical", "sign", "sign", "zero") == "zero" ? VerticalOutcome.Zero : VerticalOutcome.Sign,
            Primary = primary,
        };
        var weights = n.OptionalOneOf("weights", "none", "none", "uniqueness") == "uniqueness";
        return (spec, weights);
    }

    /// <summary>
    /// A meta-label's primary signal: <c>signal: SPEC</c> (a signal generator, checked by building it) or
    /// <c>model: NAME@ALIAS</c> with an optional <c>threshold</c>; <c>sides: both | long | short</c>.
    /// </summary>
    private static PrimarySignalSpec? ReadPrimary(ConfigNode? n, Timeframe tf)
    {
        if (n is null) return null;
        n.AllowOnly("signal", "model", "threshold", "sides");
        var signal = n.OptionalString("signal");
        var model = n.OptionalString("model");
        if ((signal is null) == (model is null)) n.ErrorHere("give exactly one of signal (a generator such as ma-cross(10,50)) or model (NAME@ALIAS)");
        if (signal is not null)
        {
            try { signal = SignalGenerators.Create(signal, "EURUSD", tf).Name; }
            catch (UsageException e) { n.Error("signal", e.Message + $" (valid: {string.Join(", ", SignalGenerators.Usage)})"); }
        }
        if (model is not null)
        {
            try { model = ModelRef.Parse(model).ToString(); }
            catch (UsageException e) { n.Error("model", e.Message); }
        }
        if (signal is not null && n.Has("threshold")) n.Error("threshold", "applies to a model primary only");
        return new PrimarySignalSpec
        {
            Generator = signal,
            Model = model,
            Threshold = n.OptionalDouble("threshold", 0.55, 0.5, 1),
            Sides = n.OptionalOneOf("sides", "both", "both", "long", "short") switch
            {
                "long" => BetSides.Long,
                "short" => BetSides.Short,
                _ => BetSides.Both,
            },
        };
    }

    private static TrainerSpec ReadTrainer(ConfigNode? n)
    {
        if (n is null) return new TrainerSpec();
        n.AllowOnly("kind", "threads", "processors", "params");
        var kindText = n.RequireOneOf("kind", [.. TrainerKinds.ByName.Keys]);
        var kind = kindText is null ? TrainerKind.LightGbmBinary : TrainerKinds.ByName[kindText];
        var threads = n.OptionalInt("threads", 1, 1, 64);
        var processors = new List<ProcessorKind>();
        foreach (var p in n.OptionalStringList("processors"))
        {
            if (p.Equals("zscore", StringComparison.OrdinalIgnoreCase)) processors.Add(ProcessorKind.ZScore);
            else if (p.Equals("minmax", StringComparison.OrdinalIgnoreCase)) processors.Add(ProcessorKind.MinMax);
            else n.Error("processors", $"unknown processor '{p}' (zscore, minmax)");
        }
        var parameters = new Dictionary<string, double>();
        var map = n.OptionalMap("params");
        if (map is not null)
        {
            foreach (var (key, value) in map.Entries())
            {
                var def = TrainerParameters.Find(kind, key);
                if (def is null)
                {
                    map.Error(key, $"unknown parameter for {kind.Name()} (allowed: {string.Join(", ", TrainerParameters.For(kind).Select(p => p.Name))})");
                    continue;
                }
                var v = (double)value.AsDecimal((decimal)def.Min, (decimal)def.Max);
                if (def.IsInteger && v != Math.Round(v)) { value.ErrorHere($"{def.Name} must be a whole number"); continue; }
                parameters[key] = v;
            }
        }
        return new TrainerSpec { Kind = kind, Threads = threads, Processors = processors, Parameters = parameters };
    }

    private static WalkForwardOptions ReadCv(ConfigNode? n)
    {
        if (n is null) return new WalkForwardOptions();
        n.AllowOnly("mode", "folds", "min_train", "test_size", "embargo");
        return new WalkForwardOptions
        {
            Mode = n.OptionalOneOf("mode", "expanding", "expanding", "rolling") == "rolling" ? WindowMode.Rolling : WindowMode.Expanding,
            Folds = n.OptionalInt("folds", 5, 1, 1000),
            MinTrain = n.RequireInt("min_train", 10, int.MaxValue),
            TestSize = n.OptionalInt("test_size", 0, 0),
            Embargo = n.OptionalInt("embargo", 0, 0),
        };
    }

    private static HpoOptions? ReadHpo(ConfigNode? n, TrainerKind kind, int seed, TaskKind task)
    {
        if (n is null) return null;
        n.AllowOnly("method", "budget", "inner_folds", "metric", "space");
        var method = n.OptionalOneOf("method", "random", "random", "grid", "none");
        if (method == "none") return null;
        var metrics = task == TaskKind.Regression ? new[] { "rmse", "mae", "ic", "r2" } : ["log_loss", "auc", "accuracy", "balanced_accuracy", "brier"];
        var metric = n.OptionalOneOf("metric", metrics[0], metrics) ?? metrics[0];
        var space = new List<ParameterRange>();
        var spaceNode = n.RequireMap("space");
        if (spaceNode is not null)
        {
            foreach (var (key, value) in spaceNode.Entries())
            {
                var def = TrainerParameters.Find(kind, key);
                if (def is null)
                {
                    spaceNode.Error(key, $"unknown parameter for {kind.Name()} (allowed: {string.Join(", ", TrainerParameters.For(kind).Select(p => p.Name))})");
                    continue;
                }
                if (value.IsMapping)
                {
                    value.AllowOnly("min", "max", "log");
                    var min = value.RequireDouble("min", def.Min, def.Max);
                    var max = value.RequireDouble("max", def.Min, def.Max);
                    if (max < min) value.Error("max", "must be at least min");
                    if (method == "grid") value.ErrorHere("grid search needs a list of values, not a range");
                    space.Add(ParameterRange.Between(key, min, max, value.OptionalBool("log", false), def.IsInteger));
                }
                else
                {
                    var values = spaceNode.OptionalStringList(key);
                    var parsed = new List<double>();
                    foreach (var s in values)
                    {
                        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= def.Min && d <= def.Max) parsed.Add(d);
                        else spaceNode.Error(key, $"'{s}' is not a number in [{def.Min.ToString(CultureInfo.InvariantCulture)}, {def.Max.ToString(CultureInfo.InvariantCulture)}]");
                    }
                    if (parsed.Count == 0) spaceNode.Error(key, "expected a list of values or {min, max}");
                    else space.Add(ParameterRange.Of(key, [.. parsed]));
                }
            }
        }
        return new HpoOptions
        {
            Method = method == "grid" ? SearchMethod.Grid : SearchMethod.Random,
            Budget = n.OptionalInt("budget", 8, 1, 10_000),
            InnerFolds = n.OptionalInt("inner_folds", 3, 1, 100),
            Metric = metric,
            Seed = seed,
            Space = space,
        };
    }

    private static EvaluationSettings ReadEvaluation(ConfigNode? n)
    {
        if (n is null) return new EvaluationSettings();
        n.AllowOnly("threshold", "hold_bars", "retrain_every", "train_window", "lots", "commission_per_million");
        var hold = n.OptionalInt("hold_bars", 0, 0, 100_000);
        return new EvaluationSettings
        {
            Threshold = n.OptionalDouble("threshold", 0.55, 0, 1),
            HoldBars = hold == 0 ? null : hold,
            RetrainEvery = n.OptionalInt("retrain_every", 2000, 10),
            TrainWindow = n.OptionalInt("train_window", 8000, 10),
            Lots = n.OptionalDecimal("lots", 1m, 0.01m, 1000m),
            CommissionPerMillion = n.OptionalDecimal("commission_per_million", 30m, 0m, 10_000m),
        };
    }
}
