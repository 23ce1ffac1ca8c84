namespace EspriSsh.Core.Config
{
    /// <summary>What Set-EspriSshConfig / Test-EspriSshConfig are asked to make true.</summary>
    public sealed class SshConfigRequest
    {
        public const string DefaultIdentityFile = "~/.ssh/id_ed25519";

        /// <summary>The ESPRI login.</summary>
        public string User { get; set; } = "";

        /// <summary>A head node alias of the site profile; null for its default (spirit1).</summary>
        public string? HeadNode { get; set; }

        /// <summary>The IDRIS login; when set, the Jean Zay block is written too.</summary>
        public string? JeanZayUser { get; set; }

        public string IdentityFile { get; set; } = DefaultIdentityFile;

        public bool ForwardX11 { get; set; }

        /// <summary>Jean Zay through "ProxyCommand ssh head -W %h:%p" (OpenSSH before 7.3) instead of ProxyJump.</summary>
        public bool UseProxyCommand { get; set; }

        /// <summary>Comment out ForwardAgent yes lines that apply to every host.</summary>
        public bool DisableForwardAgentAll { get; set; }

        /// <summary>Replace the way the config reaches Jean Zay today (another jump host) by the head node; without it that route is kept.</summary>
        public bool ReplaceRoute { get; set; }
    }
}
