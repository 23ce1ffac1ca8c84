using System;
using System.Diagnostics;
using System.Threading;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// SSH.NET authenticates on a worker thread, but the interaction seam must be called from the
    /// thread running the test (a cmdlet's pipeline thread). A question asked on the worker waits
    /// here until the test's thread, which polls the connection, runs it (<see cref="RunPending"/>).
    /// The time spent answering is not counted against the stage's timeout (<see cref="AnsweringTicks"/>).
    /// </summary>
    internal sealed class PromptRelay
    {
        private readonly object gate = new object();
        private Func<object?>? pending;
        private object? answer;
        private Exception? failure;
        private bool answered;
        private bool closed;
        private long answeringTicks;

        /// <summary>Stopwatch ticks spent in questions so far: deadlines move by as much.</summary>
        public long AnsweringTicks => Interlocked.Read(ref answeringTicks);

        /// <summary>On the worker: runs <paramref name="question"/> on the test's thread and returns its answer; default when the test has moved on.</summary>
        public T? Ask<T>(Func<T?> question, CancellationToken cancellation) where T : class
        {
            lock (gate)
            {
                if (closed)
                {
                    return null;
                }

                pending = () => question();
                answered = false;
                while (!answered && !closed)
                {
                    Monitor.Wait(gate, 50);
                    cancellation.ThrowIfCancellationRequested();
                }

                pending = null;
                if (failure != null)
                {
                    Exception error = failure;
                    failure = null;
                    throw error;
                }

                return answered ? (T?)answer : null;
            }
        }

        /// <summary>On the test's thread: answers the question waiting, if any.</summary>
        public void RunPending()
        {
            Func<object?>? question;
            lock (gate)
            {
                question = answered ? null : pending;
            }

            if (question == null)
            {
                return;
            }

            long start = Stopwatch.GetTimestamp();
            object? result = null;
            Exception? error = null;
            try
            {
                result = question();
            }
            catch (Exception ex)
            {
                error = ex; // Ctrl+C at the prompt, most likely: the worker rethrows it
            }

            Interlocked.Add(ref answeringTicks, Stopwatch.GetTimestamp() - start);
            lock (gate)
            {
                answer = result;
                failure = error;
                answered = true;
                Monitor.PulseAll(gate);
            }
        }

        /// <summary>The test no longer listens: questions asked from now on get no answer (the key is skipped).</summary>
        public void Close()
        {
            lock (gate)
            {
                closed = true;
                Monitor.PulseAll(gate);
            }
        }
    }
}
