namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>CryptProtectMemory, cross-process: the same bytes in every process of this user until reboot.</summary>
#if NET
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    public sealed class WindowsMemoryProtection : IMemoryProtection
    {
        // As PuTTY: a failure leaves the name unobfuscated (then no Pageant pipe matches, and the window protocol remains).
        public void ProtectCrossProcess(byte[] block) =>
            WindowsNative.CryptProtectMemory(block, (uint)block.Length, WindowsNative.CryptProtectMemoryCrossProcess);
    }
}
