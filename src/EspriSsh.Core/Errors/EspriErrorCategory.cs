namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// The subset of PowerShell's ErrorCategory the engine uses, with the same names (the core does not
    /// reference PowerShell). The cmdlet layer maps each value explicitly (EspriSsh.ErrorCategories; a
    /// Pester test proves the map total). ErrorIds gives each ErrorId its one category.
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
        ProtocolError,
        OperationTimeout,
        NotImplemented,
        LimitsExceeded,
        WriteError,
        ReadError,
    }
}
