using System;
using System.Management.Automation;
using EspriSsh.Core.Errors;

namespace EspriSsh
{
    /// <summary>
    /// The core's error categories as PowerShell's, one explicit line each: a category added to the core
    /// without a line here fails tests/ErrorIds.Tests.ps1 instead of silently becoming NotSpecified.
    /// </summary>
    internal static class ErrorCategories
    {
        public static ErrorCategory ToPowerShell(EspriErrorCategory category) => category switch
        {
            EspriErrorCategory.NotSpecified => ErrorCategory.NotSpecified,
            EspriErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
            EspriErrorCategory.InvalidData => ErrorCategory.InvalidData,
            EspriErrorCategory.InvalidOperation => ErrorCategory.InvalidOperation,
            EspriErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
            EspriErrorCategory.ResourceExists => ErrorCategory.ResourceExists,
            EspriErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            EspriErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
            EspriErrorCategory.SecurityError => ErrorCategory.SecurityError,
            EspriErrorCategory.AuthenticationError => ErrorCategory.AuthenticationError,
            EspriErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
            EspriErrorCategory.ProtocolError => ErrorCategory.ProtocolError,
            EspriErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
            EspriErrorCategory.NotImplemented => ErrorCategory.NotImplemented,
            EspriErrorCategory.LimitsExceeded => ErrorCategory.LimitsExceeded,
            EspriErrorCategory.WriteError => ErrorCategory.WriteError,
            EspriErrorCategory.ReadError => ErrorCategory.ReadError,
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "No PowerShell category for this EspriSsh category: add its line."),
        };
    }
}
