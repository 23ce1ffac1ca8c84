namespace EspriSsh.Core.Errors
{
    /// <summary>Stable ErrorIds: part of the public contract, never renamed.</summary>
    public static class ErrorIds
    {
        public const string SiteProfileInvalid = "SiteProfileInvalid";
        public const string SiteProfileNotFound = "SiteProfileNotFound";
        public const string FileExists = "FileExists";
        public const string KeyFileExists = "KeyFileExists";
        public const string KeyWrongPassphrase = "KeyWrongPassphrase";
        public const string KeyTypeRefused = "KeyTypeRefused";
        public const string KeyTypeUnsupported = "KeyTypeUnsupported";
        public const string KeyFormatInvalid = "KeyFormatInvalid";
        public const string KeyFileNotFound = "KeyFileNotFound";
        public const string KeyTooSmall = "KeyTooSmall";
        public const string KeyEncryptionUnsupported = "KeyEncryptionUnsupported";
        public const string KdfTooExpensive = "KdfTooExpensive";
        public const string PassphraseRequired = "PassphraseRequired";
        public const string PpkWrongPassphrase = "PpkWrongPassphrase";
        public const string PpkCorrupt = "PpkCorrupt";
        public const string PpkUnsupportedVersion = "PpkUnsupportedVersion";
        public const string PpkUnsupportedEncryption = "PpkUnsupportedEncryption";
        public const string PpkKdfTooExpensive = "PpkKdfTooExpensive";
        public const string NotAPpkFile = "NotAPpkFile";
        public const string ConfigInvalid = "ConfigInvalid";
        public const string ConfigUnreadable = "ConfigUnreadable";
        public const string ConfigHostUnknown = "ConfigHostUnknown";
        public const string ConfigChangedDuringEdit = "ConfigChangedDuringEdit";
        public const string HostKeyMismatch = "HostKeyMismatch";
        public const string HostKeyUnknown = "HostKeyUnknown";
        public const string HostKeyRevoked = "HostKeyRevoked";
        public const string HostNotFound = "HostNotFound";
        public const string ConnectionRefused = "ConnectionRefused";
        public const string ConnectionTimeout = "ConnectionTimeout";
        public const string NotSshServer = "NotSshServer";
        public const string KeyExchangeFailed = "KeyExchangeFailed";
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string KeyFileTooOpen = "KeyFileTooOpen";
        public const string NoKeyFound = "NoKeyFound";
        public const string SessionFailed = "SessionFailed";
        public const string JumpChannelFailed = "JumpChannelFailed";
        public const string InvalidParameter = "InvalidParameter";
        public const string HostNameInvalid = "HostNameInvalid";
        public const string LoginInvalid = "LoginInvalid";
        public const string FileWriteFailed = "FileWriteFailed";
        public const string AgentNotRunning = "AgentNotRunning";
        public const string AgentRefused = "AgentRefused";
        public const string AgentLocked = "AgentLocked";
        public const string AgentTimeout = "AgentTimeout";
        public const string AgentBadReply = "AgentBadReply";
        public const string AgentKeyExpired = "AgentKeyExpired";
        public const string TooManyAuthenticationFailures = "TooManyAuthenticationFailures";
        public const string FileUnreadable = "FileUnreadable";
        public const string FileTooLarge = "FileTooLarge";
        public const string NotARegularFile = "NotARegularFile";
        public const string UnexpectedError = "UnexpectedError";
    }
}
