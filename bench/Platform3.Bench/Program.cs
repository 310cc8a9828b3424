using Platform3.Bench;

// Usage: dotnet run -c Release --project bench/Platform3.Bench -- [name ...]   (no name: list them)
return BenchRunner.Run(args);
