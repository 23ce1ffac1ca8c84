using System;

namespace EspriSsh.Core.Tests
{
    /// <summary>Bytes allocated by this thread so far (GC.GetAllocatedBytesForCurrentThread).</summary>
    public static class AllocationMeter
    {
        public static long CurrentThread()
        {
#if NETFRAMEWORK
            // In .NET Framework 4.8+ and Mono, absent from the 4.7.2 reference assemblies.
            var method = typeof(GC).GetMethod("GetAllocatedBytesForCurrentThread", Type.EmptyTypes)
                ?? throw new PlatformNotSupportedException("GC.GetAllocatedBytesForCurrentThread needs .NET Framework 4.8 or later.");
            return (long)method.Invoke(null, null);
#else
            return GC.GetAllocatedBytesForCurrentThread();
#endif
        }
    }
}
