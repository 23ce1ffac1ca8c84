using System;
using System.Threading;
using System.Threading.Tasks;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// Runs blocking work (an agent exchange, ssh -G judging a config, a whole connection test) on a
    /// background thread of its own, not the thread pool: SSH.NET and our own waits need pool threads,
    /// and a 2-core machine's pool with every thread blocked adds one only after ~0.5 s. Background: a
    /// thread still waiting when the command ends must not keep PowerShell from exiting.
    /// </summary>
    internal static class OwnThread
    {
        public static Task<T> Run<T>(Func<T> work, string name)
        {
            var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                try
                {
                    outcome.SetResult(work());
                }
                catch (Exception ex)
                {
                    outcome.SetException(ex);
                }
            }) { IsBackground = true, Name = "EspriSsh " + name }.Start();
            return outcome.Task;
        }
    }
}
