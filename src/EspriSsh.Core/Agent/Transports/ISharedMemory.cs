using System;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>A named file mapping both sides of Pageant's window protocol read and write.</summary>
    public interface ISharedMemory : IDisposable
    {
        void Write(int offset, byte[] data);

        byte[] Read(int offset, int count);
    }
}
