namespace EspriSsh.Core.Keys
{
    /// <summary>One thing wrong with a pasted public key: a stable code, what it means, and whether it was repaired.</summary>
    public sealed class PublicKeyProblem
    {
        public PublicKeyProblem(string code, PublicKeyProblemSeverity severity, string message)
        {
            Code = code;
            Severity = severity;
            Message = message;
        }

        /// <summary>Stable code scripts and tests match on, e.g. Wrapped, PrivateKey, PolicyRefused.</summary>
        public string Code { get; }

        public PublicKeyProblemSeverity Severity { get; }

        public string Message { get; }

        public override string ToString() => Severity + " " + Code + ": " + Message;
    }
}
