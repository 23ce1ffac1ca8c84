namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// The subset of PowerShell's ErrorCategory the engine uses. Same names, so the cmdlet layer maps
    /// them by name without the core referencing PowerShell.
    /// </summary>
    public enum EspriErrorCategory
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        ResourceUnavailable,
        PermissionDenied,
        SecurityError,
        AuthenticationError,
        ConnectionError,
        OperationTimeout,
        NotImplemented,
        NotInstalled,
        LimitsExceeded,
        WriteError,
        ReadError,
        OpenError,
    }
}
