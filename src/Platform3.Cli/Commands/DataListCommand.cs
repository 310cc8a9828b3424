using System.CommandLine;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data list</c>: every stored series with its range, rows and size.</summary>
internal static class DataListCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("list", "List the stored series: symbol, timeframe, UTC range, rows, partitions, size.");
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            Show(ctx, BarStore.Open(ctx.DataDir));
            return CliApp.Ok;
        });
        return cmd;
    }

    public static void Show(CliContext ctx, BarStore store)
    {
        var all = store.List();
        if (all.Count == 0)
        {
            ctx.Out.Line($"No data in {store.DataDir}. Import with `p3 data import`, or make some with `p3 data synth` or `p3 demo`.");
            return;
        }
        ctx.Out.Table(["Symbol", "Timeframe", "First (UTC)", "Last (UTC)", "Rows", "Partitions", "Size"],
            all.Select(i => (IReadOnlyList<string>)[i.Symbol, i.Timeframe.Name, DataOptions.Utc(i.FirstUtc), DataOptions.Utc(i.LastUtc),
                DataOptions.N(i.Count), i.Partitions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), DataOptions.Bytes(i.Bytes)]),
            $"Store: {store.DataDir}");
    }
}
