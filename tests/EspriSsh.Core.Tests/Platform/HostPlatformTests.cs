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
