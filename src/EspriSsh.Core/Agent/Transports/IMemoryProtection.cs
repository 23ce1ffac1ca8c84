namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// Windows' CryptProtectMemory with CRYPTPROTECTMEMORY_CROSS_PROCESS: a per-user, per-boot
    /// transformation PuTTY applies to "Pageant" before hashing it into the pipe name. Tests give a fake.
    /// </summary>
    public interface IMemoryProtection
    {
        /// <summary>Transforms <paramref name="block"/> in place; its length is a multiple of 16. Leaves it as is when it cannot.</summary>
        void ProtectCrossProcess(byte[] block);
    }
}
