using Platform3.AI.Registry;
using Platform3.AI.Tests.Support;
using Platform3.Core.Errors;

namespace Platform3.AI.Tests.Registry;

public class ModelRegistryTests
{
    private static (ModelRegistry Registry, string Artifact) Setup(TempDir dir, string content = "model-bytes")
    {
        var artifact = dir.File("artifact.zip");
        File.WriteAllText(artifact, content);
        return (new ModelRegistry(dir.File("models")), artifact);
    }

    private static ModelSignature Sig => new() { FeatureSet = "core@1", Inputs = ["a", "b"], Task = Platform3.AI.Training.TaskKind.Binary, ClassValues = [-1, 1] };

    [Fact]
    public void Versions_auto_increment_and_record_signature_lineage_metrics_and_tags()
    {
        using var dir = new TempDir();
        var (reg, art) = Setup(dir);
        var v1 = reg.Register("day-eurusd", art, ArtifactFormat.MlNet, Sig, "run-1", new Dictionary<string, double> { ["auc"] = 0.55 },
            new Dictionary<string, string> { ["owner"] = "ai" });
        var v2 = reg.Register("day-eurusd", art, ArtifactFormat.MlNet, Sig, "run-2");
        var other = reg.Register("swing", art, ArtifactFormat.MlNet, Sig);
        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, other.Version));

        var loaded = reg.Get("day-eurusd", 1);
        Assert.Equal("run-1", loaded.RunId);
        Assert.Equal(0.55, loaded.Metrics["auc"]);
        Assert.Equal("ai", loaded.Tags["owner"]);
        Assert.Equal(["a", "b"], loaded.Signature.Inputs);
        Assert.Equal([-1.0, 1.0], loaded.Signature.ClassValues);
        Assert.Equal(v1.Sha256, Platform3.AI.Common.Hashing.Sha256File(art));
        Assert.Equal(2, reg.Resolve("day-eurusd").Version);
        Assert.Equal(1, reg.Resolve("day-eurusd@1").Version);
    }

    [Fact]
    public void A_tampered_artifact_is_refused_on_load()
    {
        using var dir = new TempDir();
        var (reg, art) = Setup(dir);
        var v = reg.Register("m", art, ArtifactFormat.MlNet, Sig);
        Assert.Equal(Path.Combine(reg.Root, v.ArtifactPath), reg.VerifiedArtifactPath(v));
        File.AppendAllText(Path.Combine(reg.Root, v.ArtifactPath), "x");
        var ex = Assert.Throws<ModelIntegrityException>(() => reg.VerifiedArtifactPath(v));
        Assert.Contains("SHA-256", ex.Message);
        File.Delete(Path.Combine(reg.Root, v.ArtifactPath));
        Assert.Contains("missing", Assert.Throws<ModelIntegrityException>(() => reg.VerifiedArtifactPath(v)).Message);
    }

    [Fact]
    public void Promote_and_rollback_move_aliases_with_an_audit_trail()
    {
        using var dir = new TempDir();
        var (reg, art) = Setup(dir);
        for (var i = 0; i < 3; i++) reg.Register("m", art, ArtifactFormat.MlNet, Sig);
        var g0 = reg.Generation();
        reg.Promote("m", "champion", 1, "alice", "first");
        reg.Promote("m", "champion", 2, "bob");
        reg.Promote("m", "champion", 3, "bob");
        reg.Promote("m", "challenger", 3, "carol");
        Assert.Equal(3, reg.Resolve("m@champion").Version);
        Assert.True(reg.Generation() > g0);

        var back = reg.Rollback("m", "champion", "alice", "v3 misbehaves");
        Assert.Equal((3, 2), (back.FromVersion!.Value, back.ToVersion!.Value));
        reg.Rollback("m", "champion", "alice");
        Assert.Equal(1, reg.Resolve("m@champion").Version);
        Assert.Throws<UsageException>(() => reg.Rollback("m", "champion", "alice"));

        var history = reg.AliasHistory("m", "champion");
        Assert.Equal(["promote", "promote", "promote", "rollback", "rollback"], history.Select(h => h.Action));
        Assert.Equal("v3 misbehaves", history[3].Reason);
        Assert.Equal("alice", history[0].Actor);
        Assert.Equal(6, reg.AliasHistory("m").Count);
    }

    [Fact]
    public void Archive_and_delete_respect_aliases_and_keep_metadata()
    {
        using var dir = new TempDir();
        var (reg, art) = Setup(dir);
        reg.Register("m", art, ArtifactFormat.MlNet, Sig);
        reg.Register("m", art, ArtifactFormat.MlNet, Sig);
        reg.Promote("m", "champion", 1, "me");
        Assert.Contains("champion", Assert.Throws<UsageException>(() => reg.Archive("m", 1)).Message);
        reg.Archive("m", 2);
        Assert.Equal(VersionStatus.Archived, reg.Get("m", 2).Status);
        Assert.Throws<UsageException>(() => reg.Promote("m", "challenger", 2, "me"));
        reg.Promote("m", "champion", 2 - 1, "me"); // still fine on the active one
        reg.RemoveAlias("m", "champion", "me");
        reg.Delete("m", 1);
        Assert.False(File.Exists(Path.Combine(reg.Root, reg.Get("m", 1).ArtifactPath)));
        Assert.Equal(VersionStatus.Deleted, reg.Get("m", 1).Status);
        Assert.DoesNotContain(reg.List("m"), v => v.Version == 1);
        Assert.Throws<UsageException>(() => reg.VerifiedArtifactPath(reg.Get("m", 1)));
    }

    [Theory]
    [InlineData("m@champion", "m", "champion", null)]
    [InlineData("m@7", "m", null, 7)]
    [InlineData("day-eurusd", "day-eurusd", null, null)]
    public void References_parse(string text, string name, string? alias, int? version)
    {
        var r = ModelRef.Parse(text);
        Assert.Equal((name, alias, version), (r.Name, r.Alias, r.Version));
        Assert.Equal(text, r.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("m@")]
    [InlineData("m@0")]
    public void Bad_references_are_usage_errors(string text) => Assert.Throws<UsageException>(() => ModelRef.Parse(text));

    [Fact]
    public void Unknown_models_and_aliases_get_helpful_errors()
    {
        using var dir = new TempDir();
        var (reg, art) = Setup(dir);
        reg.Register("m", art, ArtifactFormat.MlNet, Sig);
        Assert.Contains("Registered models: m", Assert.Throws<UsageException>(() => reg.Resolve("x")).Message);
        Assert.Contains("no aliases", Assert.Throws<UsageException>(() => reg.Resolve("m@champion")).Message);
    }
}
