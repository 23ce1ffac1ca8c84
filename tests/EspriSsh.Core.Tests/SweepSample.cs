using System;

namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// How much of a whole-corpus sweep against the real ssh (tests/SshConfigCorpus: every host of
    /// every config, a report or an edit per config) this run takes. The net10.0 build always sweeps
    /// the whole corpus. The net472 build (the netstandard2.0 core as Windows PowerShell 5.1 loads
    /// it) takes one item in <see cref="Stride"/> when ESPRISSH_TEST_SWEEP_STRIDE says so, which
    /// build.ps1 Test does: the same Test sweeps the whole corpus on net10.0, and under Mono a sweep
    /// costs three to four times as much. The items kept are spread over the whole corpus (every
    /// Stride-th in corpus order) and every config is still read; docs/ARCHITECTURE.md (Tests) says
    /// what was checked to show the sample, with the rest of the suite, reaches every code path the
    /// whole sweep reaches.
    /// </summary>
    public sealed class SweepSample
    {
        private int offered;

        public SweepSample()
        {
#if !NET
            if (int.TryParse(Environment.GetEnvironmentVariable("ESPRISSH_TEST_SWEEP_STRIDE"), out int stride) && stride > 1)
            {
                Stride = stride;
            }
#endif
        }

        public int Stride { get; } = 1;

        /// <summary>Whether the next item of the sweep is taken (items are offered in corpus order).</summary>
        public bool Keep() => offered++ % Stride == 0;

        /// <summary>A minimum stated for the whole corpus, for the share of it this run takes.</summary>
        public int Scaled(int wholeCorpusMinimum) => wholeCorpusMinimum / Stride;

        public override string ToString() => Stride == 1 ? "whole corpus" : $"one item in {Stride} (the net10.0 run sweeps the whole corpus)";
    }
}
