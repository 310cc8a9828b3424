using System.CommandLine;
using Platform3.Cli;
using Platform3.Cli.Commands;
using Platform3.Core.Errors;

return CliApp.Run(args, Console.Out, Console.Error);

namespace Platform3.Cli
{
    /// <summary>Builds the p3 command tree. Exit codes: 0 success, 1 usage error, 2 data error.</summary>
    internal static class CliApp
    {
        public const int Ok = 0, UsageError = 1, DataError = 2;

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var dataDir = new Option<string?>("--data-dir")
            {
                Description = "Data directory (default: $P3_DATA_DIR, else ./data).",
                Recursive = true,
            };
            var root = new RootCommand("Platform3: research, train, backtest and trade FX with one coherent engine.");
            root.Options.Add(dataDir);

            CliContext Context(ParseResult r) => CliContext.Create(r.GetValue(dataDir), stdout, stderr);
            foreach (var command in CommandRegistry.All(Context))
                root.Subcommands.Add(command);

            var parsed = root.Parse(args);
            try
            {
                return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            }
            catch (UsageException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return UsageError;
            }
            catch (DataException ex)
            {
                stderr.WriteLine($"data error: {ex.Message}");
                return DataError;
            }
        }
    }
}
