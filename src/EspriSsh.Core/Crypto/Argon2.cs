using System;
using System.Runtime.InteropServices;
using System.Threading;
using Org.BouncyCastle.Crypto.Digests;

namespace EspriSsh.Core.Crypto
{
    /// <summary>
    /// Argon2 version 0x13 (RFC 9106), all three variants, any memory/passes/lanes. Lanes are filled
    /// one after the other (PuTTY does the same), so parallelism changes the result, not the threads.
    /// Callers that take parameters from a file must bound them first (see PpkKdfLimits).
    /// </summary>
    public static unsafe class Argon2
    {
        private const int Version = 0x13;
        private const int SyncPoints = 4;
        private const int AddressesPerBlock = Argon2Compression.BlockWords;

        /// <summary>Derives tagLength bytes. progress receives the fraction done (0..1) after each slice.</summary>
        public static byte[] Hash(
            Argon2Type type, byte[] password, byte[] salt, int memoryKiB, int passes, int parallelism, int tagLength,
            byte[]? secret = null, byte[]? associatedData = null, Action<double>? progress = null, CancellationToken cancellation = default)
        {
            if (parallelism < 1 || parallelism > 0xFFFFFF)
            {
                throw new ArgumentOutOfRangeException(nameof(parallelism), "Argon2 needs 1 to 2^24-1 lanes.");
            }

            if (passes < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(passes), "Argon2 needs at least one pass.");
            }

            if (memoryKiB < 8 * parallelism)
            {
                throw new ArgumentOutOfRangeException(nameof(memoryKiB), "Argon2 needs at least 8 KiB per lane.");
            }

            if (tagLength < 4)
            {
                throw new ArgumentOutOfRangeException(nameof(tagLength), "Argon2 produces at least 4 bytes.");
            }

            byte[] h0 = InitialHash(type, password, salt, secret ?? new byte[0], associatedData ?? new byte[0], memoryKiB, passes, parallelism, tagLength);
            int segmentLength = memoryKiB / (SyncPoints * parallelism);
            int laneLength = segmentLength * SyncPoints;
            // Outside the managed heap: megabytes per call otherwise cost a full garbage collection
            // every other call in a PowerShell session, and the matrix (derived from the passphrase)
            // is wiped as soon as the tag is out. Every block is written (pass 0 fills them in
            // order) before it is read: no need to zero it first.
            long bytes = (long)laneLength * parallelism * Argon2Compression.BlockWords * sizeof(ulong);
            IntPtr matrix = Marshal.AllocHGlobal(new IntPtr(bytes));
            try
            {
                var filler = new SegmentFiller(type, (ulong*)matrix, laneLength, segmentLength, parallelism, passes);
                for (int lane = 0; lane < parallelism; lane++)
                {
                    filler.SetFirstBlocks(h0, lane);
                }

                int slicesDone = 0, slicesTotal = passes * SyncPoints;
                for (int pass = 0; pass < passes; pass++)
                {
                    for (int slice = 0; slice < SyncPoints; slice++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        for (int lane = 0; lane < parallelism; lane++)
                        {
                            filler.FillSegment(pass, lane, slice);
                        }

                        progress?.Invoke(++slicesDone / (double)slicesTotal);
                    }
                }

                return filler.FinalTag(tagLength);
            }
            finally
            {
                for (long done = 0; done < bytes; done += int.MaxValue)
                {
                    new Span<byte>((byte*)matrix + done, (int)Math.Min(int.MaxValue, bytes - done)).Clear();
                }

                Marshal.FreeHGlobal(matrix);
            }
        }

        private static byte[] InitialHash(
            Argon2Type type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKiB, int passes, int parallelism, int tagLength)
        {
            var digest = new Blake2bDigest(512);
            foreach (int value in new[] { parallelism, tagLength, memoryKiB, passes, Version, (int)type })
            {
                digest.BlockUpdate(LittleEndian(value), 0, 4);
            }

            foreach (byte[] field in new[] { password, salt, secret, associatedData })
            {
                digest.BlockUpdate(LittleEndian(field.Length), 0, 4);
                digest.BlockUpdate(field, 0, field.Length);
            }

            byte[] h0 = new byte[64];
            digest.DoFinal(h0, 0);
            return h0;
        }

        /// <summary>H' of RFC 9106 §3.3: BLAKE2b stretched to any output length.</summary>
        internal static byte[] VariableHash(int length, params byte[][] inputs)
        {
            byte[] prefix = LittleEndian(length);
            if (length <= 64)
            {
                return Blake2b(length, prefix, inputs);
            }

            // r = ceil(length / 32) - 2 full 64-byte hashes give 32 bytes each; the last gives the rest.
            int r = (length + 31) / 32 - 2;
            byte[] result = new byte[length];
            byte[] v = Blake2b(64, prefix, inputs);
            Buffer.BlockCopy(v, 0, result, 0, 32);
            for (int i = 1; i < r; i++)
            {
                v = Blake2b(64, v);
                Buffer.BlockCopy(v, 0, result, 32 * i, 32);
            }

            v = Blake2b(length - 32 * r, v);
            Buffer.BlockCopy(v, 0, result, 32 * r, v.Length);
            return result;
        }

        private static byte[] Blake2b(int length, byte[] first, params byte[][] rest)
        {
            var digest = new Blake2bDigest(length * 8);
            digest.BlockUpdate(first, 0, first.Length);
            foreach (byte[] input in rest)
            {
                digest.BlockUpdate(input, 0, input.Length);
            }

            byte[] output = new byte[length];
            digest.DoFinal(output, 0);
            return output;
        }

        internal static byte[] LittleEndian(int value) =>
            new[] { (byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24) };

        /// <summary>Owns the memory matrix and fills it segment by segment (RFC 9106 §3.4).</summary>
        private sealed unsafe class SegmentFiller
        {
            private readonly Argon2Type type;
            private readonly ulong* memory;
            private readonly int laneLength;
            private readonly int segmentLength;
            private readonly int lanes;
            private readonly int passes;

            public SegmentFiller(Argon2Type type, ulong* memory, int laneLength, int segmentLength, int lanes, int passes)
            {
                this.type = type;
                this.memory = memory;
                this.laneLength = laneLength;
                this.segmentLength = segmentLength;
                this.lanes = lanes;
                this.passes = passes;
            }

            public void SetFirstBlocks(byte[] h0, int lane)
            {
                for (int column = 0; column < 2; column++)
                {
                    byte[] block = VariableHash(1024, h0, LittleEndian(column), LittleEndian(lane));
                    int offset = (lane * laneLength + column) * Argon2Compression.BlockWords;
                    for (int w = 0; w < Argon2Compression.BlockWords; w++)
                    {
                        memory[offset + w] = ReadUInt64(block, w * 8);
                    }
                }
            }

            public void FillSegment(int pass, int lane, int slice)
            {
                bool independent = type == Argon2Type.Argon2i || (type == Argon2Type.Argon2id && pass == 0 && slice < SyncPoints / 2);
                ulong* zero = stackalloc ulong[Argon2Compression.BlockWords];
                ulong* input = stackalloc ulong[Argon2Compression.BlockWords];
                ulong* addresses = stackalloc ulong[Argon2Compression.BlockWords];
                for (int w = 0; w < Argon2Compression.BlockWords; w++)
                {
                    zero[w] = 0;
                    input[w] = 0;
                }

                input[0] = (ulong)pass;
                input[1] = (ulong)lane;
                input[2] = (ulong)slice;
                input[3] = (ulong)(laneLength * lanes);
                input[4] = (ulong)passes;
                input[5] = (ulong)type;

                int start = 0;
                if (pass == 0 && slice == 0)
                {
                    start = 2;
                    if (independent)
                    {
                        NextAddresses(zero, input, addresses);
                    }
                }

                int current = lane * laneLength + slice * segmentLength + start;
                int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
                for (int i = start; i < segmentLength; i++, current++, previous++)
                {
                    if (current % laneLength == 1)
                    {
                        previous = current - 1;
                    }

                    ulong pseudoRandom;
                    if (independent)
                    {
                        if (i % AddressesPerBlock == 0)
                        {
                            NextAddresses(zero, input, addresses);
                        }

                        pseudoRandom = addresses[i % AddressesPerBlock];
                    }
                    else
                    {
                        pseudoRandom = memory[(long)previous * Argon2Compression.BlockWords];
                    }

                    int referenceLane = pass == 0 && slice == 0 ? lane : (int)((pseudoRandom >> 32) % (ulong)lanes);
                    int referenceIndex = ReferenceIndex(pass, slice, i, (uint)pseudoRandom, referenceLane == lane);
                    ulong* reference = memory + ((long)referenceLane * laneLength + referenceIndex) * Argon2Compression.BlockWords;
                    Argon2Compression.Fill(
                        memory + (long)previous * Argon2Compression.BlockWords, reference, memory + (long)current * Argon2Compression.BlockWords,
                        xorIntoNext: pass > 0);
                }
            }

            public byte[] FinalTag(int tagLength)
            {
                var last = new ulong[Argon2Compression.BlockWords];
                for (int lane = 0; lane < lanes; lane++)
                {
                    int offset = (lane * laneLength + laneLength - 1) * Argon2Compression.BlockWords;
                    for (int w = 0; w < last.Length; w++)
                    {
                        last[w] ^= memory[offset + w];
                    }
                }

                byte[] bytes = new byte[1024];
                for (int w = 0; w < last.Length; w++)
                {
                    WriteUInt64(bytes, w * 8, last[w]);
                }

                return VariableHash(tagLength, bytes);
            }

            /// <summary>The block this one mixes in, mapped from J1 so older blocks are picked less often (RFC 9106 §3.4.2).</summary>
            private int ReferenceIndex(int pass, int slice, int index, uint j1, bool sameLane)
            {
                long areaSize;
                if (pass == 0)
                {
                    areaSize = slice == 0
                        ? index - 1
                        : sameLane ? (long)slice * segmentLength + index - 1 : (long)slice * segmentLength + (index == 0 ? -1 : 0);
                }
                else
                {
                    areaSize = sameLane ? laneLength - segmentLength + index - 1 : laneLength - segmentLength + (index == 0 ? -1 : 0);
                }

                ulong x = ((ulong)j1 * j1) >> 32;
                ulong relative = (ulong)areaSize - 1 - (((ulong)areaSize * x) >> 32);
                long startPosition = pass != 0 && slice != SyncPoints - 1 ? (long)(slice + 1) * segmentLength : 0;
                return (int)((startPosition + (long)relative) % laneLength);
            }

            private static void NextAddresses(ulong* zero, ulong* input, ulong* addresses)
            {
                input[6]++;
                Argon2Compression.Fill(zero, input, addresses, xorIntoNext: false);
                Argon2Compression.Fill(zero, addresses, addresses, xorIntoNext: false);
            }
        }

        private static ulong ReadUInt64(byte[] bytes, int offset)
        {
            ulong value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = value << 8 | bytes[offset + i];
            }

            return value;
        }

        private static void WriteUInt64(byte[] bytes, int offset, ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                bytes[offset + i] = (byte)(value >> (8 * i));
            }
        }
    }
}
