namespace Platform3.AI.Training.Splits;

/// <summary>One walk-forward fold: row indices to train on and to test on, and how many rows purging and the embargo removed.</summary>
public sealed record Fold(int Index, int[] Train, int[] Test, int Purged, int Embargoed)
{
    public override string ToString() =>
        $"fold {Index}: train {Train.Length} rows" + (Train.Length > 0 ? $" [{Train[0]}..{Train[^1]}]" : "") +
        $", test {Test.Length} rows [{Test[0]}..{Test[^1]}], purged {Purged}, embargoed {Embargoed}";
}
