namespace Platform3.Trading.Audit;

/// <summary>The outcome of a chain check: how many records were good and, if any was not, the first bad one.</summary>
public sealed record AuditVerification(bool Ok, long Records, long? FirstBadSeq, string? Problem, string HeadHash)
{
    public override string ToString() => Ok
        ? $"audit chain OK: {Records} records, head {HeadHash}"
        : $"audit chain BROKEN at record {FirstBadSeq}: {Problem} ({Records} records before it verified)";
}

/// <summary>
/// Walks a chain in sequence order. A record is bad when its sequence is not the next one (removed or
/// reordered records), when its previous-hash is not the hash of the record before (removed, inserted or
/// reordered), or when its own hash does not match its content (edited). The head row, when given, catches
/// records removed from the end.
/// </summary>
public static class AuditVerifier
{
    public static AuditVerification Verify(IEnumerable<AuditRecord> records, (long Seq, string Hash)? head = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var expectedSeq = 1L;
        var prev = AuditChain.Genesis;
        var good = 0L;
        foreach (var r in records)
        {
            if (r.Seq != expectedSeq)
                return Bad(good, r.Seq, r.Seq > expectedSeq
                    ? $"sequence jumps from {expectedSeq - 1} to {r.Seq}: record(s) {expectedSeq}..{r.Seq - 1} were removed"
                    : $"sequence {r.Seq} appears after {expectedSeq - 1}: records were reordered or duplicated", prev);
            if (r.PrevHash != prev)
                return Bad(good, r.Seq, r.Seq == 1
                    ? "the first record does not start from the genesis hash: records were removed or reordered"
                    : $"it does not link to record {r.Seq - 1} (its previous-hash differs): records were reordered or removed here, or record {r.Seq - 1} was edited and re-hashed", prev);
            var recomputed = AuditChain.ComputeHash(r.Seq, r.Kind, r.RefId, r.TimeTicks, r.PrevHash, r.Payload);
            if (recomputed != r.Hash)
                return Bad(good, r.Seq, $"its content does not match its hash: the {r.Kind} record '{r.RefId}' was edited", prev);
            prev = r.Hash;
            good++;
            expectedSeq++;
        }
        if (head is { } h)
        {
            if (h.Seq != good)
                return Bad(good, good + 1, h.Seq > good
                    ? $"the log ends at record {good} but its head says {h.Seq}: records were removed from the end"
                    : $"the log has {good} records but its head says {h.Seq}: the head was tampered with", prev);
            if (h.Hash != prev)
                return Bad(good, good, "the last record's hash does not match the head: the tail was replaced", prev);
        }
        return new AuditVerification(true, good, null, null, prev);
    }

    public static AuditVerification Verify(string path)
    {
        using var reader = new AuditReader(path);
        return Verify(reader.ReadAll(), reader.Head());
    }

    private static AuditVerification Bad(long good, long seq, string problem, string head) => new(false, good, seq, problem, head);
}
