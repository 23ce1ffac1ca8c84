using EspriSsh.Core.Diagnostics;

namespace EspriSsh.Core.Workflows
{
    /// <summary>The support report to make: for what, where, and whether a file there is replaced (kept as .bak).</summary>
    public sealed class DebugReportPlan
    {
        internal DebugReportPlan(DebugReportRequest request, string path, bool force, bool replacesExisting)
        {
            Request = request;
            Path = path;
            Force = force;
            ReplacesExisting = replacesExisting;
        }

        public DebugReportRequest Request { get; }

        public string Path { get; }

        public bool Force { get; }

        public bool ReplacesExisting { get; }
    }
}
