using System;
using System.Collections.Generic;
using EspriSsh.Core.Connection;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>
    /// Connection tests the caller has just made with the user (Start-EspriSetup: the passphrases
    /// they typed, the answers they gave): the report describes them instead of testing again, so it
    /// says what the user saw and nothing is asked twice.
    /// </summary>
    public sealed class SeenConnection
    {
        internal const string NotRunAgain = "Not run: the report describes the connection test made with you just before (above), "
            + "so that it says what you saw; nothing was tested or asked a second time.";

        public SeenConnection(string by, IReadOnlyList<ConnectionTestResult> results, DateTimeOffset at)
        {
            By = by;
            Results = results;
            At = at;
        }

        /// <summary>The command that made the tests ("Start-EspriSetup").</summary>
        public string By { get; }

        /// <summary>Each host tested, in order (the head node, then Jean Zay through it).</summary>
        public IReadOnlyList<ConnectionTestResult> Results { get; }

        public DateTimeOffset At { get; }
    }
}
