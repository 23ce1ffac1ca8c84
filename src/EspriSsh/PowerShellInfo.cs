using System.Collections;
using System.Management.Automation;

namespace EspriSsh
{
    /// <summary>The PowerShell running a command, as the support report names it ($PSVersionTable, the host).</summary>
    internal sealed class PowerShellInfo
    {
        private PowerShellInfo(string edition, string? version, string host)
        {
            Edition = edition;
            Version = version;
            Host = host;
        }

        /// <summary>Desktop (Windows PowerShell 5.1) or Core.</summary>
        public string Edition { get; }

        public string? Version { get; }

        /// <summary>"(ConsoleHost)", "(Visual Studio Code Host)"...</summary>
        public string Host { get; }

        public static PowerShellInfo Of(PSCmdlet cmdlet)
        {
            var versionTable = cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable;
            return new PowerShellInfo(versionTable?["PSEdition"]?.ToString() ?? "Desktop", versionTable?["PSVersion"]?.ToString(), "(" + cmdlet.Host.Name + ")");
        }
    }
}
