using System;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// The Windows calls of Pageant's window protocol (older Pageant, MobaXterm's agent). The real one
    /// is P/Invoke (<see cref="WindowsPageantWindowApi"/>); tests give a fake agent behind it.
    /// </summary>
    public interface IPageantWindowApi
    {
        /// <summary>The window of class and title "Pageant", or IntPtr.Zero when none runs.</summary>
        IntPtr FindPageantWindow();

        uint CurrentThreadId { get; }

        /// <summary>A named shared memory block of <paramref name="size"/> bytes that only the current user may open.</summary>
        ISharedMemory CreateSharedMemory(string name, int size);

        /// <summary>
        /// Sends WM_COPYDATA (dwData = <paramref name="id"/>, the bytes of <paramref name="data"/>) and
        /// returns the window's answer (0 = refused), or null when it did not answer within the timeout.
        /// </summary>
        long? SendCopyData(IntPtr window, uint id, byte[] data, TimeSpan timeout);
    }
}
