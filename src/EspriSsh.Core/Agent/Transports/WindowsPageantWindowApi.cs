using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>Pageant's window protocol on real Windows: FindWindow, a file mapping, SendMessageTimeout.</summary>
#if NET
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    public sealed class WindowsPageantWindowApi : IPageantWindowApi
    {
        public IntPtr FindPageantWindow() => WindowsNative.FindWindowW("Pageant", "Pageant");

        public uint CurrentThreadId => WindowsNative.GetCurrentThreadId();

        public ISharedMemory CreateSharedMemory(string name, int size) => new FileMapping(name, size);

        public long? SendCopyData(IntPtr window, uint id, byte[] data, TimeSpan timeout)
        {
            IntPtr buffer = Marshal.AllocHGlobal(data.Length);
            try
            {
                Marshal.Copy(data, 0, buffer, data.Length);
                var copy = new WindowsNative.CopyDataStruct { DwData = new IntPtr(unchecked((int)id)), CbData = data.Length, LpData = buffer };
                IntPtr sent = WindowsNative.SendMessageTimeoutW(window, WindowsNative.WmCopyData, IntPtr.Zero, ref copy,
                    WindowsNative.SmtoAbortIfHung, (uint)timeout.TotalMilliseconds, out IntPtr result);
                return sent == IntPtr.Zero ? (long?)null : result.ToInt64();
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }

        /// <summary>
        /// Owned by the user (not the Administrators group of an elevated shell), and open to the user
        /// only: Pageant checks the owner, and no one else needs the block.
        /// </summary>
        private sealed class FileMapping : ISharedMemory
        {
            private readonly IntPtr mapping;
            private readonly IntPtr view;
            private readonly int size;

            public FileMapping(string name, int size)
            {
                this.size = size;
                string sid = WindowsIdentity.GetCurrent().User!.Value;
                var descriptor = new RawSecurityDescriptor($"O:{sid}D:P(A;;GA;;;{sid})");
                byte[] binary = new byte[descriptor.BinaryLength];
                descriptor.GetBinaryForm(binary, 0);
                IntPtr sd = Marshal.AllocHGlobal(binary.Length);
                try
                {
                    Marshal.Copy(binary, 0, sd, binary.Length);
                    var attributes = new WindowsNative.SecurityAttributes { Length = Marshal.SizeOf<WindowsNative.SecurityAttributes>(), SecurityDescriptor = sd };
                    mapping = WindowsNative.CreateFileMappingW(WindowsNative.InvalidHandle, ref attributes, WindowsNative.PageReadWrite, 0, (uint)size, name);
                }
                finally
                {
                    Marshal.FreeHGlobal(sd);
                }

                if (mapping == IntPtr.Zero)
                {
                    throw AgentErrors.NotRunning("Pageant (window messages)", "cannot create the shared memory: " + new Win32Exception().Message, null);
                }

                view = WindowsNative.MapViewOfFile(mapping, WindowsNative.FileMapWrite, 0, 0, UIntPtr.Zero);
                if (view == IntPtr.Zero)
                {
                    WindowsNative.CloseHandle(mapping);
                    throw AgentErrors.NotRunning("Pageant (window messages)", "cannot map the shared memory: " + new Win32Exception().Message, null);
                }
            }

            public void Write(int offset, byte[] data) => Marshal.Copy(data, 0, view + offset, data.Length);

            public byte[] Read(int offset, int count)
            {
                byte[] data = new byte[count];
                Marshal.Copy(view + offset, data, 0, count);
                return data;
            }

            public void Dispose()
            {
                Write(0, new byte[size]); // an added key passed through here
                WindowsNative.UnmapViewOfFile(view);
                WindowsNative.CloseHandle(mapping);
            }
        }
    }
}
