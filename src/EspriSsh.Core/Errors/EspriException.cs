using System;

namespace EspriSsh.Core.Errors
{
    /// <summary>
    /// Every failure a user can cause. ErrorId is stable (scripts and tests match on it), the message
    /// says what to do next, Target is the offending input (file, host, line). The cmdlet layer turns
    /// it into an ErrorRecord in one place.
    /// </summary>
    public class EspriException : Exception
    {
        public EspriException(string errorId, EspriErrorCategory category, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        public string ErrorId { get; }

        public EspriErrorCategory Category { get; }

        public object? Target { get; }

        /// <summary>
        /// Wraps a failure that is not a user's doing (a bug, or a case nobody foresaw) so that it still
        /// reaches the user as an error with a stable id and a message that says what to do.
        /// </summary>
        public static EspriException Unexpected(Exception inner, object? target = null) =>
            new EspriException(ErrorIds.UnexpectedError, EspriErrorCategory.NotSpecified,
                $"EspriSsh failed unexpectedly: {inner.Message} ({inner.GetType().Name}). This is a bug in EspriSsh, not something you did: " +
                "please report it to the support with this message (Get-Error shows the details).", target, inner);
    }
}
