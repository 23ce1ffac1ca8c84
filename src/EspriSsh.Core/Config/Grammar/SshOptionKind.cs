namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>How readconf.c reads the arguments of a keyword (the label its switch jumps to).</summary>
    internal enum SshOptionKind
    {
        /// <summary>Read and dropped without a word ("Protocol").</summary>
        Ignore,

        /// <summary>Dropped with a debug message (UseRoaming, Cipher...).</summary>
        Deprecated,

        /// <summary>Dropped with an "Unsupported option" message on stderr, which does not refuse the file.</summary>
        Unsupported,

        Host,
        Match,
        Include,

        /// <summary>yes/no/true/false (multistate_flag) or one of <see cref="SshKeyword.Choices"/>.</summary>
        Choice,

        /// <summary>An integer 0..INT_MAX (atoi_err).</summary>
        Integer,

        /// <summary>convtime(3) or "none".</summary>
        Time,

        Port,

        /// <summary>One word (User, HostName, ControlPath...).</summary>
        Text,

        /// <summary>Several words, "none" only alone, at most 16 (UserKnownHostsFile, GlobalKnownHostsFile).</summary>
        FileList,

        /// <summary>Several words, "none" only alone (LogVerbose).</summary>
        WordList,

        /// <summary>The rest of the line as written (ProxyCommand, LocalCommand, RemoteCommand, KnownHostsCommand).</summary>
        Command,

        ProxyJump,
        IdentityFile,
        CertificateFile,
        ForwardAgent,
        IdentityAgent,
        AddKeysToAgent,
        ControlPersist,
        RekeyLimit,
        Ciphers,
        Macs,
        KexAlgorithms,
        GssKexAlgorithms,
        KeyAlgorithms,
        LogLevel,
        SyslogFacility,
        EscapeChar,
        TunnelDevice,
        IpQos,
        CanonicalDomains,
        PermittedCnames,
        StreamLocalBindMask,
        FingerprintHash,
        LocalForward,
        RemoteForward,
        DynamicForward,
        PermitRemoteOpen,
        SendEnv,
        SetEnv,
    }
}
