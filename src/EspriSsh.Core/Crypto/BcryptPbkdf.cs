using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;

namespace EspriSsh.Core.Crypto
{
    /// <summary>
    /// bcrypt_pbkdf, the KDF of encrypted openssh-key-v1 files (OpenBSD libutil; no library we may use
    /// exposes it). Output is byte-identical to OpenSSH's.
    /// Speed: Blowfish is latency-bound (each round waits for four dependent S-box loads), so the output
    /// blocks, which are independent PBKDF chains, are computed two at a time with their rounds
    /// interleaved on one thread; the CPU overlaps the two dependency chains. Key+IV for aes256-ctr is
    /// 48 bytes = exactly two blocks, so a default key costs about half of ssh-keygen's time.
    /// </summary>
    public static unsafe class BcryptPbkdf
    {
        private const int BlockBytes = 32;
        private const int Words = BlowfishInitialState.Words;
        private const int MaxKeyLength = BlockBytes * BlockBytes;

        // bcrypt's 256-bit constant, encrypted 64 times by each expensive state.
        private static readonly uint[] Magic = BigEndianWords(System.Text.Encoding.ASCII.GetBytes("OxychromaticBlowfishSwatDynamite"));

        /// <summary>
        /// Derives <paramref name="keyLength"/> bytes. <paramref name="progress"/> (optional) receives the
        /// fraction done after each round, for a progress bar when rounds are many. The token is checked
        /// before every round (a few milliseconds each), so a cancelled derivation stops at once.
        /// Callers that take the round count from a file must bound it first (OpenSshKdfLimits).
        /// </summary>
        public static byte[] DeriveKey(byte[] password, byte[] salt, int rounds, int keyLength, Action<double>? progress = null, CancellationToken cancellation = default)
        {
            if (password == null || password.Length == 0)
            {
                throw new ArgumentException("bcrypt_pbkdf needs a non-empty password.", nameof(password));
            }

            if (salt == null || salt.Length == 0 || salt.Length > 1 << 20)
            {
                throw new ArgumentException("bcrypt_pbkdf needs a salt of 1 byte to 1 MiB.", nameof(salt));
            }

            if (rounds < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(rounds), "bcrypt_pbkdf needs at least one round.");
            }

            if (keyLength < 1 || keyLength > MaxKeyLength)
            {
                throw new ArgumentOutOfRangeException(nameof(keyLength), $"bcrypt_pbkdf makes 1 to {MaxKeyLength} bytes.");
            }

            int blocks = (keyLength + BlockBytes - 1) / BlockBytes;
            int bytesPerBlock = (keyLength + blocks - 1) / blocks;
            byte[] key = new byte[keyLength];
            var state = new uint[2 * Words];
            var keyWords = new uint[3 * 16];
            var blockA = new byte[BlockBytes];
            var blockB = new byte[BlockBytes];
            int pairs = (blocks + 1) / 2;

            byte[] sha2pass = new byte[0];
            try
            {
                using SHA512 sha = SHA512.Create();
                sha2pass = sha.ComputeHash(password);
                for (int pair = 0; pair < pairs; pair++)
                {
                    uint countA = (uint)(2 * pair + 1);

                    // With an odd number of blocks the last one is computed twice: the pair costs little more than one alone.
                    uint countB = Math.Min(countA + 1, (uint)blocks);
                    RunChains(sha, sha2pass, salt, countA, countB, rounds, state, keyWords, blockA, blockB,
                        progress == null ? null : new Action<int>(r => progress((pair + (double)r / rounds) / pairs)), cancellation);
                    Scatter(blockA, countA, blocks, bytesPerBlock, key);
                    Scatter(blockB, countB, blocks, bytesPerBlock, key);
                }
            }
            catch (OperationCanceledException)
            {
                Array.Clear(key, 0, key.Length);
                throw;
            }
            finally
            {
                // Cancelled or not, no derived secret stays in memory longer than needed.
                Array.Clear(sha2pass, 0, sha2pass.Length);
                Array.Clear(state, 0, state.Length);
                Array.Clear(keyWords, 0, keyWords.Length);
                Array.Clear(blockA, 0, blockA.Length);
                Array.Clear(blockB, 0, blockB.Length);
            }

            return key;
        }

        /// <summary>The PBKDF2-like chain for two block counters: out = XOR over rounds of bcrypt_hash.</summary>
        private static void RunChains(SHA512 sha, byte[] sha2pass, byte[] salt, uint countA, uint countB, int rounds,
            uint[] state, uint[] keyWords, byte[] outA, byte[] outB, Action<int>? roundDone, CancellationToken cancellation)
        {
            byte[] saltA = SaltWithCounter(sha, salt, countA), saltB = SaltWithCounter(sha, salt, countB);
            var tmpA = new byte[BlockBytes];
            var tmpB = new byte[BlockBytes];
            fixed (uint* st = state, kw = keyWords)
            {
                ToWords(sha2pass, kw);
                for (int round = 0; round < rounds; round++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (round > 0)
                    {
                        saltA = sha.ComputeHash(tmpA);
                        saltB = sha.ComputeHash(tmpB);
                    }

                    ToWords(saltA, kw + 16);
                    ToWords(saltB, kw + 32);
                    HashPair(st, st + Words, kw, kw + 16, kw + 32, tmpA, tmpB);
                    for (int i = 0; i < BlockBytes; i++)
                    {
                        outA[i] = round == 0 ? tmpA[i] : (byte)(outA[i] ^ tmpA[i]);
                        outB[i] = round == 0 ? tmpB[i] : (byte)(outB[i] ^ tmpB[i]);
                    }

                    roundDone?.Invoke(round + 1);
                }
            }

            Array.Clear(tmpA, 0, tmpA.Length);
            Array.Clear(tmpB, 0, tmpB.Length);
        }

        private static byte[] SaltWithCounter(SHA512 sha, byte[] salt, uint count)
        {
            byte[] input = new byte[salt.Length + 4];
            Buffer.BlockCopy(salt, 0, input, 0, salt.Length);
            input[salt.Length] = (byte)(count >> 24);
            input[salt.Length + 1] = (byte)(count >> 16);
            input[salt.Length + 2] = (byte)(count >> 8);
            input[salt.Length + 3] = (byte)count;
            return sha.ComputeHash(input);
        }

        /// <summary>bcrypt_pbkdf's non-linear output: byte i of block c goes to key[i * blocks + c - 1].</summary>
        private static void Scatter(byte[] block, uint count, int blocks, int bytesPerBlock, byte[] key)
        {
            for (int i = 0; i < bytesPerBlock; i++)
            {
                int destination = i * blocks + (int)count - 1;
                if (destination >= key.Length)
                {
                    break;
                }

                key[destination] = block[i];
            }
        }

        /// <summary>bcrypt_hash for two salts at once (states a and b), same password.</summary>
        private static void HashPair(uint* a, uint* b, uint* pass, uint* saltA, uint* saltB, byte[] outA, byte[] outB)
        {
            fixed (uint* pi = BlowfishInitialState.Pi)
            {
                long bytes = Words * sizeof(uint);
                Buffer.MemoryCopy(pi, a, bytes, bytes);
                Buffer.MemoryCopy(pi, b, bytes, bytes);
            }

            Expand(a, b, pass, pass, saltA, saltB);
            for (int i = 0; i < 64; i++)
            {
                Expand(a, b, saltA, saltB, null, null);
                Expand(a, b, pass, pass, null, null);
            }

            uint* ca = stackalloc uint[8];
            uint* cb = stackalloc uint[8];
            for (int i = 0; i < 8; i++)
            {
                ca[i] = cb[i] = Magic[i];
            }

            for (int i = 0; i < 64; i++)
            {
                for (int k = 0; k < 8; k += 2)
                {
                    Encipher2(a, ref ca[k], ref ca[k + 1], b, ref cb[k], ref cb[k + 1]);
                }
            }

            for (int i = 0; i < 8; i++)
            {
                WriteLittleEndian(ca[i], outA, 4 * i);
                WriteLittleEndian(cb[i], outB, 4 * i);
            }
        }

        /// <summary>
        /// Blowfish_expandstate (with data) / Blowfish_expand0state (data null) on both states: key words
        /// into P, then re-encrypt the whole state in chain. Key and data are 64-byte SHA-512 outputs, so
        /// the cyclic word stream is simply index &amp; 15.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Expand(uint* a, uint* b, uint* keyA, uint* keyB, uint* dataA, uint* dataB)
        {
            for (int i = 0; i < BlowfishInitialState.PWords; i++)
            {
                a[i] ^= keyA[i & 15];
                b[i] ^= keyB[i & 15];
            }

            uint al = 0, ar = 0, bl = 0, br = 0;
            for (int i = 0; i < Words; i += 2)
            {
                if (dataA != null)
                {
                    al ^= dataA[i & 15];
                    ar ^= dataA[(i + 1) & 15];
                    bl ^= dataB[i & 15];
                    br ^= dataB[(i + 1) & 15];
                }

                Encipher2(a, ref al, ref ar, b, ref bl, ref br);
                a[i] = al;
                a[i + 1] = ar;
                b[i] = bl;
                b[i + 1] = br;
            }
        }

        /// <summary>Two Blowfish encryptions, one per state, rounds interleaved (16 rounds, unrolled).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Encipher2(uint* a, ref uint al, ref uint ar, uint* b, ref uint bl, ref uint br)
        {
            uint xl = al ^ a[0], xr = ar, yl = bl ^ b[0], yr = br;
            xr ^= F(a, xl) ^ a[1]; yr ^= F(b, yl) ^ b[1];
            xl ^= F(a, xr) ^ a[2]; yl ^= F(b, yr) ^ b[2];
            xr ^= F(a, xl) ^ a[3]; yr ^= F(b, yl) ^ b[3];
            xl ^= F(a, xr) ^ a[4]; yl ^= F(b, yr) ^ b[4];
            xr ^= F(a, xl) ^ a[5]; yr ^= F(b, yl) ^ b[5];
            xl ^= F(a, xr) ^ a[6]; yl ^= F(b, yr) ^ b[6];
            xr ^= F(a, xl) ^ a[7]; yr ^= F(b, yl) ^ b[7];
            xl ^= F(a, xr) ^ a[8]; yl ^= F(b, yr) ^ b[8];
            xr ^= F(a, xl) ^ a[9]; yr ^= F(b, yl) ^ b[9];
            xl ^= F(a, xr) ^ a[10]; yl ^= F(b, yr) ^ b[10];
            xr ^= F(a, xl) ^ a[11]; yr ^= F(b, yl) ^ b[11];
            xl ^= F(a, xr) ^ a[12]; yl ^= F(b, yr) ^ b[12];
            xr ^= F(a, xl) ^ a[13]; yr ^= F(b, yl) ^ b[13];
            xl ^= F(a, xr) ^ a[14]; yl ^= F(b, yr) ^ b[14];
            xr ^= F(a, xl) ^ a[15]; yr ^= F(b, yl) ^ b[15];
            xl ^= F(a, xr) ^ a[16]; yl ^= F(b, yr) ^ b[16];
            al = xr ^ a[17];
            ar = xl;
            bl = yr ^ b[17];
            br = yl;
        }

        /// <summary>
        /// Blowfish's F on a state's S-boxes. Written (s + 256)[i], not s[256 + i]: the JIT then folds
        /// each S-box offset into the load instead of adding it on the critical path first (measured:
        /// a 24-round key 9% faster).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint F(uint* state, uint x)
        {
            uint* s = state + BlowfishInitialState.PWords;
            return ((s[x >> 24] + (s + 256)[(byte)(x >> 16)]) ^ (s + 512)[(byte)(x >> 8)]) + (s + 768)[(byte)x];
        }

        private static void ToWords(byte[] bytes64, uint* words)
        {
            for (int i = 0; i < 16; i++)
            {
                words[i] = (uint)(bytes64[4 * i] << 24 | bytes64[4 * i + 1] << 16 | bytes64[4 * i + 2] << 8 | bytes64[4 * i + 3]);
            }
        }

        private static uint[] BigEndianWords(byte[] bytes)
        {
            var words = new uint[bytes.Length / 4];
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = (uint)(bytes[4 * i] << 24 | bytes[4 * i + 1] << 16 | bytes[4 * i + 2] << 8 | bytes[4 * i + 3]);
            }

            return words;
        }

        private static void WriteLittleEndian(uint value, byte[] destination, int offset)
        {
            destination[offset] = (byte)value;
            destination[offset + 1] = (byte)(value >> 8);
            destination[offset + 2] = (byte)(value >> 16);
            destination[offset + 3] = (byte)(value >> 24);
        }
    }
}
