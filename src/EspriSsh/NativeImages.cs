using System;
using System.IO;
using System.Runtime.InteropServices;

namespace EspriSsh
{
    /// <summary>
    /// The ReadyToRun images build.ps1 makes (Dependencies/ReadyToRun/&lt;platform&gt;/): the same IL as
    /// the plain dlls plus native code for one OS, processor and .NET major version, so the first call
    /// of a cmdlet runs compiled code instead of waiting for the JIT. An image is used only when it
    /// was made for this very process: the runtime refuses another platform's image outright, and a
    /// refused name cannot be loaded again from the plain file in the same load context.
    /// </summary>
    internal sealed class NativeImages
    {
        /// <summary>The .NET major version the images are compiled for (pwsh 7.6); other runtimes take the IL.</summary>
        private const int CompiledForRuntime = 10;

        private readonly string? folder;
        private readonly ushort machine;

        public NativeImages(string dependencyFolder)
        {
            if (Environment.Version.Major == CompiledForRuntime && ExpectedMachine(out string platform, out machine))
            {
                folder = Path.Combine(dependencyFolder, "ReadyToRun", platform);
            }
        }

        /// <summary>The image of <paramref name="fileName"/> for this process, else <paramref name="ilPath"/>.</summary>
        public string Choose(string fileName, string ilPath)
        {
            string? image = folder == null ? null : Path.Combine(folder, fileName);
            return image != null && MachineOf(image) == machine ? image : ilPath;
        }

        /// <summary>
        /// The runtime identifier of this process (x64 pwsh emulated on arm64 runs x64 code) and the PE
        /// machine field its images carry: the processor's, XOR a constant for the OS (ReadyToRun format).
        /// </summary>
        private static bool ExpectedMachine(out string platform, out ushort machine)
        {
            (string os, ushort osMask) = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ("win", (ushort)0)
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ("osx", (ushort)0x4644)
                : ("linux", (ushort)0x7B79);
            Architecture architecture = RuntimeInformation.ProcessArchitecture;
            ushort processor = architecture == Architecture.X64 ? (ushort)0x8664 : architecture == Architecture.Arm64 ? (ushort)0xAA64 : (ushort)0;
            platform = os + "-" + architecture.ToString().ToLowerInvariant();
            machine = (ushort)(processor ^ osMask);
            return processor != 0;
        }

        /// <summary>The COFF machine field of a PE file; 0 when it is absent or unreadable.</summary>
        private static ushort MachineOf(string path)
        {
            try
            {
                using var reader = new BinaryReader(File.OpenRead(path));
                reader.BaseStream.Position = 0x3C;
                reader.BaseStream.Position = reader.ReadInt32();
                return reader.ReadUInt32() == 0x00004550 ? reader.ReadUInt16() : (ushort)0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }
}
