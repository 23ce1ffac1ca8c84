#if NETFRAMEWORK
using System;
using System.IO;
using EspriSsh.Core.Platform;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("EspriSsh.Core.Tests.MonoTestFramework", "EspriSsh.Core.Tests")]

namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// Under Mono the netstandard2.0 core runs on Unix, where no product runs it (Windows PowerShell 5.1
    /// loads that build on Windows only; pwsh 7 loads net8.0 everywhere), so it has no Unix file
    /// protection and HostPlatform refuses. For the whole Mono run this stand-in takes its place:
    /// the code that writes private files is what the run tests, the protection itself is tested on
    /// .NET (UnixFileProtection) and on .NET Framework on Windows (WindowsFileProtection).
    /// </summary>
    public sealed class MonoTestFramework : XunitTestFramework
    {
        public MonoTestFramework(IMessageSink messageSink)
            : base(messageSink)
        {
            if (TestHost.IsMono)
            {
                HostPlatform.Override(new MonoFileProtection()); // for the life of the process
            }
        }
    }

    /// <summary>Modes set right after creation (chmod, stat(1) through <see cref="UnixModes"/>): enough for tests, not from the first byte.</summary>
    internal sealed class MonoFileProtection : IFileProtection
    {
        private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | GroupOrOtherWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        public FileStream CreateOwnerOnlyFile(string path)
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            UnixModes.Set(path, OwnerOnly);
            return stream;
        }

        public void EnsureOwnerOnlyDirectory(string path)
        {
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path);
                UnixModes.Set(path, OwnerOnly | UnixFileMode.UserExecute);
            }
        }

        public AccessVerdict Inspect(string path) => Verdict(path, GroupOrOther);

        public AccessVerdict InspectFolder(string path) => Verdict(path, GroupOrOtherWrite);

        public void RestrictToOwner(string path) =>
            SetNotThroughALink(path, Directory.Exists(path) ? OwnerOnly | UnixFileMode.UserExecute : OwnerOnly);

        public void RemoveOthersWrite(string path) => SetNotThroughALink(path, UnixModes.Get(path) & ~GroupOrOtherWrite);

        private static AccessVerdict Verdict(string path, UnixFileMode forbidden)
        {
            UnixFileMode mode = UnixModes.Get(path);
            string octal = "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');
            return (mode & forbidden) == 0 ? new AccessVerdict(true, octal, null) : new AccessVerdict(false, octal, $"mode {octal} lets other users in (Mono test stand-in)");
        }

        private static void SetNotThroughALink(string path, UnixFileMode mode)
        {
            if (FileLinks.TargetOf(path) != null)
            {
                throw new IOException($"'{path}' is a symbolic link; its rights are not changed through it.");
            }

            UnixModes.Set(path, mode);
        }
    }
}
#endif
