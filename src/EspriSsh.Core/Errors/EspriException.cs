using System;

namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// Every failure a user can cause. ErrorId is stable (scripts and tests match on it) and fixes the
    /// category (ErrorIds), the message says what to do next, Target is the offending input (file, host,
    /// line). The cmdlet layer turns it into an ErrorRecord in one place.
    /// </summary>
    public class EspriException : Exception
    {
        public EspriException(string errorId, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = ErrorIds.CategoryOf(errorId);
            Target = target;
        }

        public string ErrorId { get; }

        public EspriErrorCategory Category { get; }

        public object? Target { get; }

        /// <summary>
        /// Wraps a failure that is not a user's doing (a bug, or a case nobody foresaw) so that it still
        /// reaches the user as an error with a stable id and a message that says what to do. The advice
        /// works in Windows PowerShell 5.1 too, which has no Get-Error.
        /// </summary>
        public static EspriException Unexpected(Exception inner, object? target = null) =>
            new EspriException(ErrorIds.UnexpectedError,
                $"EspriSsh failed unexpectedly: {inner.Message} ({inner.GetType().Name}). This is a bug in EspriSsh, not something you did: " +
                "please report it to the support with this message and the details that '$Error[0] | Format-List * -Force' shows.", target, inner);
    }
}
