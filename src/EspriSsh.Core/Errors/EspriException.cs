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
    }
}
