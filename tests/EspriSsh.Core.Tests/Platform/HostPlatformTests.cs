using System.IO;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Tests.Platform
{
    [Collection(ProcessStateCollection.Name)]
    public class HostPlatformTests
    {
        [Fact]
        public void NestedOverridesRestoreThePreviousProtectionNotTheDefault()
        {
            IFileProtection real = HostPlatform.FileProtection;
            var outer = new NamedProtection();
            var inner = new NamedProtection();
            using (HostPlatform.Override(outer))
            {
                using (HostPlatform.Override(inner))
                {
                    Assert.Same(inner, HostPlatform.FileProtection);
                }

                Assert.Same(outer, HostPlatform.FileProtection);
            }

            Assert.IsType(real.GetType(), HostPlatform.FileProtection);
            Assert.NotSame(outer, HostPlatform.FileProtection);
        }

        /// <summary>
        /// On Unix the file protection is the net8.0 build's (what pwsh 7 loads); the netstandard2.0
        /// build, which Mono runs here and only Windows PowerShell 5.1 loads in a product, refuses.
        /// </summary>
        [UnixFact]
        public void OnUnixOnlyTheNet8BuildProtectsFiles()
        {
            using (HostPlatform.Override(null))
            {
                if (TestHost.IsMono)
                {
                    var refused = Assert.Throws<System.PlatformNotSupportedException>(() => HostPlatform.FileProtection);
                    Assert.Contains("pwsh 7 loads its net8.0 build", refused.Message);
                }
                else
                {
                    Assert.Equal("EspriSsh.Core.Platform.UnixFileProtection", HostPlatform.FileProtection.GetType().FullName);
                }
            }
        }

        private sealed class NamedProtection : IFileProtection
        {
            public FileStream CreateOwnerOnlyFile(string path) => throw new System.NotSupportedException();

            public void EnsureOwnerOnlyDirectory(string path) => throw new System.NotSupportedException();

            public AccessVerdict Inspect(string path) => throw new System.NotSupportedException();

            public void RestrictToOwner(string path) => throw new System.NotSupportedException();

            public AccessVerdict InspectFolder(string path) => throw new System.NotSupportedException();

            public void RemoveOthersWrite(string path) => throw new System.NotSupportedException();
        }
    }
}
