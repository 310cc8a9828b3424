using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Platform3.Trading.Audit;

/// <summary>
/// SHA-256 of two consecutive byte spans, for the audit chain (a record's header, then its payload) and feature
/// fingerprints. On Linux .NET hashes through OpenSSL's EVP layer, whose per-call set-up and reset cost about as much
/// as hashing a kilobyte, and a decision record (one to two kilobytes) is hashed on every decision. When libcrypto
/// (OpenSSL 3) loads, its plain <c>SHA256_Init/Update/Final</c> (the same SHA-NI code underneath, one context on the
/// stack) is called directly instead. The first use checks that path against the framework's SHA-256 on a known
/// input; anywhere it cannot be loaded or disagrees, every hash goes through <see cref="IncrementalHash"/>.
/// </summary>
internal static partial class AuditSha256
{
    private const string LibCrypto = "libcrypto.so.3";
    private const int ContextBytes = 256; // SHA256_CTX is 112 bytes

    /// <summary>True when hashes go to libcrypto directly (else through the framework).</summary>
    public static bool Direct { get; } = Probe();

    [ThreadStatic]
    private static IncrementalHash? t_incremental;

    public static void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest)
    {
        if (digest.Length < 32) throw new ArgumentException("a SHA-256 digest needs 32 bytes", nameof(digest));
        if (Direct) HashDirect(first, second, digest);
        else HashFramework(first, second, digest);
    }

    private static void HashFramework(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest)
    {
        var sha = t_incremental ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(first);
        sha.AppendData(second);
        sha.GetHashAndReset(digest);
    }

    // The context is initialised by SHA256_Init: no need to zero it first.
    [SkipLocalsInit]
    private static void HashDirect(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest)
    {
        Span<byte> context = stackalloc byte[ContextBytes];
        ref var ctx = ref MemoryMarshal.GetReference(context);
        if (Init(ref ctx) != 1
            || Update(ref ctx, ref MemoryMarshal.GetReference(first), (nuint)first.Length) != 1
            || Update(ref ctx, ref MemoryMarshal.GetReference(second), (nuint)second.Length) != 1
            || Final(ref MemoryMarshal.GetReference(digest), ref ctx) != 1)
            throw new CryptographicException("libcrypto SHA-256 failed");
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            ReadOnlySpan<byte> a = "Platform3 audit chain: "u8;
            ReadOnlySpan<byte> b = "probe of the direct SHA-256 path, longer than one 64-byte block of input............"u8;
            Span<byte> direct = stackalloc byte[32];
            HashDirect(a, b, direct);
            var joined = new byte[a.Length + b.Length];
            a.CopyTo(joined);
            b.CopyTo(joined.AsSpan(a.Length));
            return direct.SequenceEqual(SHA256.HashData(joined));
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or CryptographicException)
        {
            return false;
        }
    }

    // The three calls run briefly (a record of a kilobyte or two hashes in well under a microsecond), never block and
    // never call back into the runtime, so they skip the GC mode switch of a regular P/Invoke: four switches per hash
    // were a measurable share of hashing a short record.
    [LibraryImport(LibCrypto, EntryPoint = "SHA256_Init")]
    [SuppressGCTransition]
    private static partial int Init(ref byte context);

    [LibraryImport(LibCrypto, EntryPoint = "SHA256_Update")]
    [SuppressGCTransition]
    private static partial int Update(ref byte context, ref byte data, nuint length);

    [LibraryImport(LibCrypto, EntryPoint = "SHA256_Final")]
    [SuppressGCTransition]
    private static partial int Final(ref byte digest, ref byte context);
}
