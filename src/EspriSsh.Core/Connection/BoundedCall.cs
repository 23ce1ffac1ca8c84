using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EspriSsh.Core.Platform;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Runs blocking network work on a thread of its own under our own deadline and the caller's
    /// cancellation: SSH.NET's Timeout bounds each wait, not a whole stage, and its token stops being
    /// honoured after the version exchange. On expiry or Ctrl+C the abort action (closing the client)
    /// unblocks the work, whose late outcome is ignored. On a thread of its own (<see cref="OwnThread"/>):
    /// the work blocks for a whole stage while SSH.NET (a jump host's forwarded channel, its
    /// sync-over-async waits) needs pool threads (half the Start-EspriSetup -TestConnection runs through
    /// a jump host took 0.5-0.8 s longer with the stages on the pool).
    /// </summary>
    internal static class BoundedCall
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

        public static bool TryRun(Action work, long deadlineTimestamp, CancellationToken cancellation, Action abort, out Exception? error) =>
            TryRun(work, () => deadlineTimestamp, cancellation, abort, out error);

        /// <summary>
        /// True when the work finished (its exception, if any, in <paramref name="error"/>); false when
        /// the deadline (re-read on every poll, so a stage's progress can push it) passed first.
        /// <paramref name="onPoll"/> runs on this thread between polls (questions the work asks the user).
        /// </summary>
        public static bool TryRun(Action work, Func<long> deadlineTimestamp, CancellationToken cancellation, Action abort, out Exception? error,
            Action? onPoll = null)
        {
            error = null;
            Task task = OwnThread.Run(() =>
            {
                work();
                return true;
            }, "connection stage");
            try
            {
                while (true)
                {
                    TimeSpan left = Remaining(deadlineTimestamp());
                    if (left <= TimeSpan.Zero)
                    {
                        Abandon(task, abort);
                        return false;
                    }

                    if (task.Wait((int)Math.Ceiling((left < Poll ? left : Poll).TotalMilliseconds), cancellation))
                    {
                        // Ctrl+C may end the work itself first (an agent wait it stopped fails the login): still a stop, not a result.
                        cancellation.ThrowIfCancellationRequested();
                        return true;
                    }

                    onPoll?.Invoke();
                }
            }
            catch (AggregateException ex)
            {
                cancellation.ThrowIfCancellationRequested();
                error = ex.InnerException ?? ex;
                return true;
            }
            catch (OperationCanceledException)
            {
                Abandon(task, abort);
                throw;
            }
        }

        public static long DeadlineAfter(TimeSpan span) => Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);

        private static TimeSpan Remaining(long deadline) =>
            TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

        private static void Abandon(Task task, Action abort)
        {
            try
            {
                abort();
            }
            catch (Exception)
            {
                // Closing a half-open client may throw; the test result is already decided.
            }

            task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }
}
