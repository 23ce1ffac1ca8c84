using System.Collections.Generic;
using System.Diagnostics;
#if NETFRAMEWORK
using System.Linq;
using EspriSsh.Core.Tools;
#endif

namespace EspriSsh.Core.Tests
{
    /// <summary>ProcessStartInfo.ArgumentList and Process.Kill(true) (.NET Core) for the net472 build.</summary>
    public static class ProcessCompat
    {
        public static void AddArguments(ProcessStartInfo start, IEnumerable<string> arguments)
        {
#if NETFRAMEWORK
            // The core's own quoting, as its netstandard2.0 build runs programs.
            start.Arguments = string.Join(" ", arguments.Select(CommandLineQuoting.Quote));
#else
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
#endif
        }

        public static void KillTree(Process process)
        {
#if NETFRAMEWORK
            process.Kill();
#else
            process.Kill(entireProcessTree: true);
#endif
        }
    }
}
