namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>The steps of the site's page, in the order Start-EspriSetup takes them.</summary>
    public enum SetupStepName
    {
        /// <summary>One key the site accepts, at the name ssh tries by itself.</summary>
        Key,

        /// <summary>Its public line, shown and copied, for the account form.</summary>
        PublicLine,

        /// <summary>The head node and Jean Zay aliases in the ssh config.</summary>
        Config,

        /// <summary>The key loaded in the ssh-agent.</summary>
        Agent,

        /// <summary>A real login to the head node (and Jean Zay), with -TestConnection.</summary>
        Connection,

        /// <summary>The support report, written when the connection fails.</summary>
        Report,
    }
}
