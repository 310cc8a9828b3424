using System.Text;

namespace Platform3.Trading.Audit;

/// <summary>
/// An append-only, hash-chained log. Writers only append; the chain head (last sequence and hash) tells
/// the next record what to link to.
/// </summary>
public interface IAuditLog : IDisposable
{
    /// <summary>Appends and (for durable logs) persists one record before returning it.</summary>
    AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload);

    /// <summary>
    /// Appends a record whose payload is given as UTF-8 (the form the writers produce) and returns its hash. The
    /// record is the one <see cref="Append"/> would make from the same text; logs that keep bytes avoid a string.
    /// </summary>
    string AppendUtf8(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload) =>
        Append(kind, refId, timeUtc, Encoding.UTF8.GetString(utf8Payload)).Hash;

    /// <summary>
    /// <see cref="AppendUtf8"/> that writes the record's SHA-256 (32 bytes; its hash is their lower-case hex) into
    /// <paramref name="digest"/> instead of returning text: the decision writers keep the digest, and a log that
    /// holds its head as bytes then makes no hash string per record.
    /// </summary>
    void AppendUtf8Digest(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload, Span<byte> digest) =>
        Convert.FromHexString(AppendUtf8(kind, refId, timeUtc, utf8Payload), digest, out _, out _);

    long Count { get; }

    string HeadHash { get; }

    /// <summary>Makes buffered records durable (a no-op for logs that write through).</summary>
    void Flush();
}
