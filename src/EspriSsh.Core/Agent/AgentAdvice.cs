namespace EspriSsh.Core.Agent
{
    /// <summary>
    /// How to get an agent, in the shell the user is in: always PowerShell (EspriSsh runs nowhere
    /// else), never `eval $(ssh-agent)`, which fails in PowerShell and leaves an agent nobody finds.
    /// Each command to type is a line of its own indented by four spaces (as in Markdown), which the
    /// views print whole: a command wrapped between words would break when pasted.
    /// </summary>
    public static class AgentAdvice
    {
        /// <summary>What an administrator runs once on Windows: the service ships disabled.</summary>
        public const string WindowsServiceFix = "Get-Service ssh-agent | Set-Service -StartupType Automatic -PassThru | Start-Service";

        /// <summary>
        /// Starts an agent on a fixed socket in ~/.ssh, or reuses the one already there (ssh-add -l exits
        /// with 2 only when no agent answers): safe to run in every session, so no agent is orphaned.
        /// </summary>
        public const string UnixStartCommand =
            "$env:SSH_AUTH_SOCK = \"$HOME/.ssh/agent.sock\"; ssh-add -l *> $null; " +
            "if ($LASTEXITCODE -eq 2) { Remove-Item $env:SSH_AUTH_SOCK -ErrorAction Ignore; ssh-agent -a $env:SSH_AUTH_SOCK > $null }";

        public static string UnixStart =>
            $"Start one from PowerShell with this line (put it in your $PROFILE so every session uses the same agent):\n{AsCommand(UnixStartCommand)}";

        private static string AdminFix => $"in an administrator PowerShell, run:\n{AsCommand(WindowsServiceFix)}\n";

        public static string PageantAlternative =>
            "Or start Pageant (PuTTY's agent; in MobaXterm: Settings > SSH > 'Use external Pageant').";

        /// <summary>Why Windows has no agent to offer, from the state of the OpenSSH service, with what to run.</summary>
        public static string ForWindowsService(AgentServiceState state)
        {
            string check = "Get-Service ssh-agent shows its state; ";
            switch (state)
            {
                case AgentServiceState.NotInstalled:
                    return "The Windows OpenSSH agent service is not installed: install the OpenSSH Client (Settings > System > Optional features), " +
                        $"then once, {AdminFix}{PageantAlternative}";
                case AgentServiceState.Disabled:
                    return $"The Windows OpenSSH agent service (ssh-agent) is disabled, its default. {check}once, {AdminFix}{PageantAlternative}";
                case AgentServiceState.Stopped:
                    return $"The Windows OpenSSH agent service (ssh-agent) is stopped. {check}{AdminFix}{PageantAlternative}";
                default:
                    return $"Neither Pageant nor the Windows OpenSSH agent service (ssh-agent) answers. {check}once, {AdminFix}{PageantAlternative}";
            }
        }

        /// <summary>A command as a line of its own, indented four spaces: printed whole, never wrapped.</summary>
        private static string AsCommand(string command) => "    " + command;
    }
}
