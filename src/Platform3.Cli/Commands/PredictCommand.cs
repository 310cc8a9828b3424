using System.CommandLine;
using Platform3.AI.Features;
using Platform3.AI.Inference;
using Platform3.AI.Registry;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 predict --model NAME@champion --symbol EURUSD --timeframe M15 [--at TIME]</c>.</summary>
internal static class PredictCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var model = AiCli.Required("--model", "NAME@ALIAS or NAME@VERSION.");
        var symbol = AiCli.Required("--symbol", "Instrument, e.g. EURUSD.");
        var timeframe = AiCli.Required("--timeframe", "Bar timeframe the model was trained on, e.g. M15.");
        var at = AiCli.Optional("--at", "Predict as of this UTC time (default: now); only bars closed by then are used.");
        var showFeatures = new Option<bool>("--features") { Description = "Also print the feature vector." };
        var runtime = AiCli.Optional("--runtime",
            "auto (default: tree models on the native evaluator, verified against ML.NET at load, else ML.NET), native, mlnet or onnx.");
        var cmd = new Command("predict", "Predict with a registered model from the features of the latest closed bar at a time.");
        cmd.Options.Add(model); cmd.Options.Add(symbol); cmd.Options.Add(timeframe); cmd.Options.Add(at); cmd.Options.Add(showFeatures); cmd.Options.Add(runtime);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var registry = ModelRegistry.ForDataDir(ctx.DataDir);
            var loadLog = new List<string>();
            var options = new InferenceOptions
            {
                Runtime = r.GetValue(runtime) is { } rt ? InferenceOptions.ParseRuntime(rt) : ServingRuntime.Auto,
                Log = loadLog.Add,
            };
            using var engine = new InferenceEngine(registry, options);
            var predictor = new PointInTimePredictor(engine, new FeatureStore(ctx.DataDir, ctx.Instruments, ctx.Calendar), ctx.Instruments, ctx.Calendar);
            var when = r.GetValue(at) is { } s ? AiCli.ParseUtc(s, "--at") : (DateTime?)null;
            var result = predictor.Predict(r.GetValue(model)!, ctx.Instruments.Get(r.GetValue(symbol)!).Symbol, AiCli.ParseTimeframe(r.GetValue(timeframe)!), when);
            var o = r.InvocationConfiguration.Output;
            var p = result.Prediction;
            o.WriteLine($"model {p.Model}  {result.Symbol} {result.Timeframe}  bar {AiCli.Utc(result.BarOpenUtc)} (closed {AiCli.Utc(result.KnownAtUtc)} UTC)");
            foreach (var line in loadLog) o.WriteLine($"runtime {line}");
            if (p.ClassValues.Count > 0)
            {
                var names = Platform3.AI.Training.ClassNames.For(p.ClassValues);
                o.WriteLine("probabilities: " + string.Join("  ", names.Select((n, k) => $"{n}={AiCli.F(p.Probabilities[k])}")));
                o.WriteLine($"predicted {names[p.ClassValues.ToList().IndexOf(p.PredictedClassValue)]}, expected value {AiCli.F(p.ExpectedValue)}");
            }
            else o.WriteLine($"prediction {AiCli.F(p.ExpectedValue, 6)}");
            if (r.GetValue(showFeatures))
                for (var k = 0; k < result.FeatureNames.Count; k++) o.WriteLine($"  {result.FeatureNames[k],-28} {AiCli.F(result.Features[k], 6)}");
            return 0;
        });
        return cmd;
    }
}
