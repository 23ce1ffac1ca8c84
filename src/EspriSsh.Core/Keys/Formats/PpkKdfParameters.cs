using EspriSsh.Core.Crypto;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Keys.Formats
{
    /// <summary>
    /// The Argon2 settings of an encrypted PPK v3 file, and the bounds a file from elsewhere must stay
    /// within: Argon2 allocates the memory the file asks for, so a hostile file could otherwise
    /// exhaust the machine. Checked when the file is parsed, before anything is allocated.
    /// </summary>
    public sealed class PpkKdfParameters
    {
        /// <summary>256 MiB: 32 times puttygen's default; beyond it, refuse (1 GiB alone cost 4.3 s here, in allocation and one pass).</summary>
        public const long MaxMemoryKiB = 256 * 1024;

        /// <summary>puttygen's timing picks tens of passes; ten thousand is no honest file.</summary>
        public const long MaxPasses = 10000;

        public const long MaxParallelism = 64;

        /// <summary>
        /// memory x passes: 2 GiB-passes, the worst accepted file (256 MiB x 8 passes), cost 1.8 s on the
        /// reference machine (2 vCPU, SIMD Argon2, under load); puttygen's default is 8 MiB x ~20 passes.
        /// </summary>
        public const long MaxWork = 2L * 1024 * 1024;

        /// <summary>What Convert-PpkKey writes: puttygen's defaults with a fixed pass count (see PpkWriter).</summary>
        public static PpkKdfParameters Default(byte[] salt) => new PpkKdfParameters(Argon2Type.Argon2id, 8192, 22, 1, salt);

        public PpkKdfParameters(Argon2Type type, int memoryKiB, int passes, int parallelism, byte[] salt)
        {
            Type = type;
            MemoryKiB = memoryKiB;
            Passes = passes;
            Parallelism = parallelism;
            Salt = salt;
        }

        public Argon2Type Type { get; }

        public int MemoryKiB { get; }

        public int Passes { get; }

        public int Parallelism { get; }

        public byte[] Salt { get; }

        /// <summary>Validates numbers read from a file (as long: an overflowing value is just too big).</summary>
        internal static PpkKdfParameters FromFile(Argon2Type type, long memoryKiB, long passes, long parallelism, byte[] salt, string path)
        {
            if (memoryKiB > MaxMemoryKiB || passes > MaxPasses || parallelism > MaxParallelism || memoryKiB * passes > MaxWork)
            {
                throw new EspriException(ErrorIds.PpkKdfTooExpensive,
                    $"{UntrustedText.Quoted(path)} asks for an Argon2 key derivation far beyond what PuTTY creates (memory {memoryKiB} KiB, passes {passes}, " +
                    $"parallelism {parallelism}; limits: {MaxMemoryKiB} KiB, {MaxPasses} passes, {MaxParallelism} lanes). It was not attempted. " +
                    "If you made this file yourself, re-save it in PuTTYgen with default parameters.", path);
            }

            if (passes < 1 || parallelism < 1 || memoryKiB < 8 * parallelism)
            {
                throw new EspriException(ErrorIds.PpkCorrupt,
                    $"{UntrustedText.Quoted(path)} has impossible Argon2 parameters (memory {memoryKiB} KiB, passes {passes}, parallelism {parallelism}). " +
                    "The file is damaged; use your backup or export the key again from PuTTYgen.", path);
            }

            return new PpkKdfParameters(type, (int)memoryKiB, (int)passes, (int)parallelism, salt);
        }
    }
}
