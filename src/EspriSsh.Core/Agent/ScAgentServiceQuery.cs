using System;
using System.Text.RegularExpressions;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// Asks sc.exe (always present on Windows, no admin rights needed to query) about the ssh-agent
    /// service. The START_TYPE / STATE field names and their numbers are not translated.
    /// </summary>
    public sealed class ScAgentServiceQuery : IAgentServiceQuery
    {
        private const string ServiceName = "ssh-agent";
        private const int ServiceDoesNotExist = 1060;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public AgentServiceState Query()
        {
            CommandResult config = ExternalCommand.Run("sc.exe", new[] { "qc", ServiceName }, Timeout);
            if (config.NotFound)
            {
                return AgentServiceState.Unknown;
            }

            if (config.ExitCode == ServiceDoesNotExist)
            {
                return AgentServiceState.NotInstalled;
            }

            Match startType = Regex.Match(config.StandardOutput, @"START_TYPE\s*:\s*(\d+)");
            if (startType.Success && startType.Groups[1].Value == "4")
            {
                return AgentServiceState.Disabled;
            }

            CommandResult status = ExternalCommand.Run("sc.exe", new[] { "query", ServiceName }, Timeout);
            Match state = Regex.Match(status.StandardOutput, @"STATE\s*:\s*(\d+)");
            return !state.Success ? AgentServiceState.Unknown : state.Groups[1].Value == "4" ? AgentServiceState.Running : AgentServiceState.Stopped;
        }
    }
}
