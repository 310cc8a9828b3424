// Every FsCheck property in every test project starts from the same seed, so a run is reproducible:
// a failure seen in CI fails the same way on a laptop. A property may still set its own Replay.
// (The second number is SplitMix's gamma and must be odd.)
[assembly: FsCheck.Xunit.Properties(Replay = "(20261124,1000000007)")]
