using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace EspriSsh.Core.Crypto
{
    /// <summary>
    /// Argon2's compression function G over 1 KiB blocks of 128 little-endian words (RFC 9106 §3.5):
    /// next = P(prev ^ ref) ^ prev ^ ref [^ next]. This is where nearly all Argon2 time goes, so on
    /// .NET 8+ the BlaMka rounds run eight words at a time with AVX-512, four with AVX2; elsewhere a
    /// plain scalar version. All three give the same blocks (the RFC 9106 vectors run on each).
    /// </summary>
    internal static unsafe partial class Argon2Compression
    {
        public const int BlockWords = 128;

        /// <summary>The ways the rounds can run: one vector of eight words, one of four, or word by word.</summary>
        internal enum CompressionPath
        {
            Avx512,
            Avx2,
            Scalar,
        }

        /// <summary>The paths this CPU can run, fastest first (Scalar always).</summary>
        internal static readonly CompressionPath[] AvailablePaths = FindPaths();

        /// <summary>The fastest path; tests set each other one to check it against the same vectors.</summary>
        internal static CompressionPath Path = AvailablePaths[0];

        private static CompressionPath[] FindPaths()
        {
#if NET
            if (Avx2.IsSupported)
            {
                return Avx512F.IsSupported
                    ? new[] { CompressionPath.Avx512, CompressionPath.Avx2, CompressionPath.Scalar }
                    : new[] { CompressionPath.Avx2, CompressionPath.Scalar };
            }
#endif
            return new[] { CompressionPath.Scalar };
        }

        /// <summary>Fills next from prev and reference. next may alias reference; prev must not alias next.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Fill(ulong* prev, ulong* reference, ulong* next, bool xorIntoNext)
        {
#if NET
            if (Path == CompressionPath.Avx512)
            {
                FillAvx512(prev, reference, next, xorIntoNext);
                return;
            }

            if (Path == CompressionPath.Avx2)
            {
                FillAvx2(prev, reference, next, xorIntoNext);
                return;
            }
#endif
            FillScalar(prev, reference, next, xorIntoNext);
        }

        // SkipLocalsInit (.NET only: netstandard2.0 lacks the attribute) here and in FillAvx2: the
        // 2 KiB of scratch are written whole before they are read, and zeroing them first cost about
        // a sixth of the time of a block.
#if NET
        [SkipLocalsInit]
#endif
        private static void FillScalar(ulong* prev, ulong* reference, ulong* next, bool xorIntoNext)
        {
            ulong* r = stackalloc ulong[BlockWords];
            ulong* t = stackalloc ulong[BlockWords];
            for (int i = 0; i < BlockWords; i++)
            {
                r[i] = prev[i] ^ reference[i];
                t[i] = xorIntoNext ? r[i] ^ next[i] : r[i];
            }

            // Rows: 8 runs of P over 16 consecutive words.
            for (int row = 0; row < 8; row++)
            {
                ulong* v = r + 16 * row;
                Permute(
                    ref v[0], ref v[1], ref v[2], ref v[3], ref v[4], ref v[5], ref v[6], ref v[7],
                    ref v[8], ref v[9], ref v[10], ref v[11], ref v[12], ref v[13], ref v[14], ref v[15]);
            }

            // Columns: 8 runs of P over word pairs (2c, 2c+1) taken from each row.
            for (int col = 0; col < 8; col++)
            {
                ulong* v = r + 2 * col;
                Permute(
                    ref v[0], ref v[1], ref v[16], ref v[17], ref v[32], ref v[33], ref v[48], ref v[49],
                    ref v[64], ref v[65], ref v[80], ref v[81], ref v[96], ref v[97], ref v[112], ref v[113]);
            }

            for (int i = 0; i < BlockWords; i++)
            {
                next[i] = t[i] ^ r[i];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Permute(
            ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ref ulong v4, ref ulong v5, ref ulong v6, ref ulong v7,
            ref ulong v8, ref ulong v9, ref ulong v10, ref ulong v11, ref ulong v12, ref ulong v13, ref ulong v14, ref ulong v15)
        {
            Mix(ref v0, ref v4, ref v8, ref v12);
            Mix(ref v1, ref v5, ref v9, ref v13);
            Mix(ref v2, ref v6, ref v10, ref v14);
            Mix(ref v3, ref v7, ref v11, ref v15);
            Mix(ref v0, ref v5, ref v10, ref v15);
            Mix(ref v1, ref v6, ref v11, ref v12);
            Mix(ref v2, ref v7, ref v8, ref v13);
            Mix(ref v3, ref v4, ref v9, ref v14);
        }

        /// <summary>BLAKE2b's G with BlaMka's multiplication: a + b + 2 * lo32(a) * lo32(b).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Mix(ref ulong a, ref ulong b, ref ulong c, ref ulong d)
        {
            a = a + b + 2 * (a & 0xFFFFFFFF) * (b & 0xFFFFFFFF);
            d = RotateRight(d ^ a, 32);
            c = c + d + 2 * (c & 0xFFFFFFFF) * (d & 0xFFFFFFFF);
            b = RotateRight(b ^ c, 24);
            a = a + b + 2 * (a & 0xFFFFFFFF) * (b & 0xFFFFFFFF);
            d = RotateRight(d ^ a, 16);
            c = c + d + 2 * (c & 0xFFFFFFFF) * (d & 0xFFFFFFFF);
            b = RotateRight(b ^ c, 63);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong RotateRight(ulong x, int n) => (x >> n) | (x << (64 - n));

#if NET
        private static readonly Vector256<byte> Rotate24 = Vector256.Create(
            (byte)3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);

        private static readonly Vector256<byte> Rotate16 = Vector256.Create(
            (byte)2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        private static void FillAvx2(ulong* prev, ulong* reference, ulong* next, bool xorIntoNext)
        {
            ulong* r = stackalloc ulong[BlockWords];
            ulong* t = stackalloc ulong[BlockWords];
            for (int i = 0; i < BlockWords; i += 4)
            {
                Vector256<ulong> x = Avx2.Xor(Avx.LoadVector256(prev + i), Avx.LoadVector256(reference + i));
                Avx.Store(r + i, x);
                Avx.Store(t + i, xorIntoNext ? Avx2.Xor(x, Avx.LoadVector256(next + i)) : x);
            }

            // Two rows, then two columns, at a time: P is one long chain of dependent steps (each
            // multiply waits for the step before), so two independent ones interleaved keep the
            // vector units busy (measured: a PPK v3 key's Argon2 in a quarter less time).
            // Rows: the 16 words of a row are four consecutive vectors.
            for (int row = 0; row < 8; row += 2)
            {
                ulong* v = r + 16 * row, w = v + 16;
                Vector256<ulong> a0 = Avx.LoadVector256(v), b0 = Avx.LoadVector256(v + 4), c0 = Avx.LoadVector256(v + 8), d0 = Avx.LoadVector256(v + 12);
                Vector256<ulong> a1 = Avx.LoadVector256(w), b1 = Avx.LoadVector256(w + 4), c1 = Avx.LoadVector256(w + 8), d1 = Avx.LoadVector256(w + 12);
                Round2(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
                Avx.Store(v, a0);
                Avx.Store(v + 4, b0);
                Avx.Store(v + 8, c0);
                Avx.Store(v + 12, d0);
                Avx.Store(w, a1);
                Avx.Store(w + 4, b1);
                Avx.Store(w + 8, c1);
                Avx.Store(w + 12, d1);
            }

            // Columns: each vector joins two word pairs from consecutive rows.
            for (int col = 0; col < 8; col += 2)
            {
                ulong* v = r + 2 * col, w = v + 2;
                Vector256<ulong> a0 = Join(v, v + 16), b0 = Join(v + 32, v + 48), c0 = Join(v + 64, v + 80), d0 = Join(v + 96, v + 112);
                Vector256<ulong> a1 = Join(w, w + 16), b1 = Join(w + 32, w + 48), c1 = Join(w + 64, w + 80), d1 = Join(w + 96, w + 112);
                Round2(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
                Split(a0, v, v + 16);
                Split(b0, v + 32, v + 48);
                Split(c0, v + 64, v + 80);
                Split(d0, v + 96, v + 112);
                Split(a1, w, w + 16);
                Split(b1, w + 32, w + 48);
                Split(c1, w + 64, w + 80);
                Split(d1, w + 96, w + 112);
            }

            for (int i = 0; i < BlockWords; i += 4)
            {
                Avx.Store(next + i, Avx2.Xor(Avx.LoadVector256(t + i), Avx.LoadVector256(r + i)));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> Join(ulong* low, ulong* high) =>
            Vector256.Create(Sse2.LoadVector128(low), Sse2.LoadVector128(high));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Split(Vector256<ulong> x, ulong* low, ulong* high)
        {
            Sse2.Store(low, x.GetLower());
            Sse2.Store(high, x.GetUpper());
        }

        /// <summary>
        /// P on two groups (a0..d0) and (a1..d1), each = words (0-3, 4-7, 8-11, 12-15): columns, then
        /// diagonals by lane rotation.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Round2(
            ref Vector256<ulong> a0, ref Vector256<ulong> b0, ref Vector256<ulong> c0, ref Vector256<ulong> d0,
            ref Vector256<ulong> a1, ref Vector256<ulong> b1, ref Vector256<ulong> c1, ref Vector256<ulong> d1)
        {
            Mix2(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
            b0 = Avx2.Permute4x64(b0, 0x39); b1 = Avx2.Permute4x64(b1, 0x39);
            c0 = Avx2.Permute4x64(c0, 0x4E); c1 = Avx2.Permute4x64(c1, 0x4E);
            d0 = Avx2.Permute4x64(d0, 0x93); d1 = Avx2.Permute4x64(d1, 0x93);
            Mix2(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
            b0 = Avx2.Permute4x64(b0, 0x93); b1 = Avx2.Permute4x64(b1, 0x93);
            c0 = Avx2.Permute4x64(c0, 0x4E); c1 = Avx2.Permute4x64(c1, 0x4E);
            d0 = Avx2.Permute4x64(d0, 0x39); d1 = Avx2.Permute4x64(d1, 0x39);
        }

        /// <summary>BLAKE2b's G with BlaMka's multiplication on both groups, step by step.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Mix2(
            ref Vector256<ulong> a0, ref Vector256<ulong> b0, ref Vector256<ulong> c0, ref Vector256<ulong> d0,
            ref Vector256<ulong> a1, ref Vector256<ulong> b1, ref Vector256<ulong> c1, ref Vector256<ulong> d1)
        {
            a0 = BlaMka(a0, b0); a1 = BlaMka(a1, b1);
            d0 = RotateRight32(Avx2.Xor(d0, a0)); d1 = RotateRight32(Avx2.Xor(d1, a1));
            c0 = BlaMka(c0, d0); c1 = BlaMka(c1, d1);
            b0 = RotateRight24(Avx2.Xor(b0, c0)); b1 = RotateRight24(Avx2.Xor(b1, c1));
            a0 = BlaMka(a0, b0); a1 = BlaMka(a1, b1);
            d0 = RotateRight16(Avx2.Xor(d0, a0)); d1 = RotateRight16(Avx2.Xor(d1, a1));
            c0 = BlaMka(c0, d0); c1 = BlaMka(c1, d1);
            b0 = RotateRight63(Avx2.Xor(b0, c0)); b1 = RotateRight63(Avx2.Xor(b1, c1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> RotateRight32(Vector256<ulong> x) => Avx2.Shuffle(x.AsUInt32(), 0b10_11_00_01).AsUInt64();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> RotateRight24(Vector256<ulong> x) => Avx2.Shuffle(x.AsByte(), Rotate24).AsUInt64();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> RotateRight16(Vector256<ulong> x) => Avx2.Shuffle(x.AsByte(), Rotate16).AsUInt64();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> RotateRight63(Vector256<ulong> x) => Avx2.Xor(Avx2.ShiftRightLogical(x, 63), Avx2.Add(x, x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> BlaMka(Vector256<ulong> x, Vector256<ulong> y)
        {
            Vector256<ulong> product = Avx2.Multiply(x.AsUInt32(), y.AsUInt32());
            return Avx2.Add(Avx2.Add(x, y), Avx2.Add(product, product));
        }
#endif
    }
}
