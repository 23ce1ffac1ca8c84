using System.Collections.Generic;
using System.Linq;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>What Start-EspriSetup found and did: one step per part of the site's page, in order.</summary>
    public sealed class SetupResult
    {
        public SetupResult(IReadOnlyList<SetupStep> steps, string? keyPath, string? publicKeyLine, string? reportPath)
        {
            Steps = steps;
            KeyPath = keyPath;
            PublicKeyLine = publicKeyLine;
            ReportPath = reportPath;
        }

        public IReadOnlyList<SetupStep> Steps { get; }

        /// <summary>The private key the setup uses; null when there is none yet (-WhatIf, a choice left to the user).</summary>
        public string? KeyPath { get; }

        /// <summary>The one line to paste in the account form; null when there is no key yet.</summary>
        public string? PublicKeyLine { get; }

        /// <summary>The support report, when the connection failed and one was written.</summary>
        public string? ReportPath { get; }

        /// <summary>No step failed and none waits for the user.</summary>
        public bool Succeeded => Steps.All(s => s.Status != SetupStepStatus.Failed && s.Status != SetupStepStatus.NeedsYou);

        public SetupStep Step(SetupStepName name) => Steps.First(s => s.Name == name);
    }
}
