using System;
using System.Collections.Generic;
using static EspriSsh.Core.Errors.EspriErrorCategory;

namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// Stable ErrorIds: part of the public contract, never renamed or removed (ErrorIdSnapshotTests
    /// compares them with a committed list). Each id has exactly one category, in <see cref="Categories"/>:
    /// a raise names the id and EspriException looks the category up, so two raises of one id cannot differ.
    /// </summary>
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

        private static readonly Dictionary<string, EspriErrorCategory> Categories = new Dictionary<string, EspriErrorCategory>(StringComparer.Ordinal)
        {
            // Add() refuses a second entry for an id: one category each.
            { SiteProfileInvalid, InvalidData },
            { SiteProfileNotFound, ObjectNotFound },
            { FileExists, ResourceExists },
            { KeyFileExists, ResourceExists },
            { KeyWrongPassphrase, AuthenticationError },
            { KeyTypeRefused, InvalidArgument },
            { KeyTypeUnsupported, NotImplemented },
            { KeyFormatInvalid, InvalidData },
            { KeyFileNotFound, ObjectNotFound },
            { KeyTooSmall, InvalidData },
            { KeyEncryptionUnsupported, NotImplemented },
            { KdfTooExpensive, LimitsExceeded },
            { PassphraseRequired, InvalidOperation },
            { PpkWrongPassphrase, AuthenticationError },
            { PpkCorrupt, InvalidData },
            { PpkUnsupportedVersion, InvalidData },
            { PpkUnsupportedEncryption, InvalidData },
            { PpkKdfTooExpensive, LimitsExceeded },
            { NotAPpkFile, InvalidData },
            { ConfigInvalid, InvalidData },
            { ConfigUnreadable, ReadError },
            { ConfigHostUnknown, InvalidArgument },
            { ConfigChangedDuringEdit, InvalidOperation },
            { HostKeyMismatch, SecurityError },
            { HostKeyUnknown, SecurityError },
            { HostKeyRevoked, SecurityError },
            { HostNotFound, ObjectNotFound },
            { ConnectionRefused, ConnectionError },
            { ConnectionTimeout, OperationTimeout },
            { NotSshServer, ProtocolError },
            { KeyExchangeFailed, ProtocolError },
            { AuthenticationFailed, AuthenticationError },
            { KeyFileTooOpen, SecurityError },
            { NoKeyFound, ObjectNotFound },
            { SessionFailed, ConnectionError },
            { JumpChannelFailed, ConnectionError },
            { InvalidParameter, InvalidArgument },
            { HostNameInvalid, InvalidArgument },
            { LoginInvalid, InvalidArgument },
            { FileWriteFailed, WriteError },
            { AgentNotRunning, ResourceUnavailable },
            { AgentRefused, InvalidOperation },
            { AgentLocked, PermissionDenied },
            { AgentTimeout, OperationTimeout },
            { AgentBadReply, ProtocolError },
            { AgentKeyExpired, ResourceUnavailable },
            { TooManyAuthenticationFailures, AuthenticationError },
            { FileUnreadable, ReadError },
            { FileTooLarge, LimitsExceeded },
            { NotARegularFile, InvalidArgument },
            { UnexpectedError, NotSpecified },
        };

        /// <summary>Every id, with its category.</summary>
        public static IReadOnlyDictionary<string, EspriErrorCategory> All => Categories;

        /// <summary>The category of <paramref name="errorId"/>; an id missing from the table is a bug in EspriSsh.</summary>
        public static EspriErrorCategory CategoryOf(string errorId) =>
            Categories.TryGetValue(errorId, out EspriErrorCategory category)
                ? category
                : throw new ArgumentException($"'{errorId}' is not an ErrorId: add it to ErrorIds with its category.", nameof(errorId));
    }
}
