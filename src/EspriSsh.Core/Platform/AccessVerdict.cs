namespace EspriSsh.Core.Platform
{
    /// <summary>Whether a private file's rights are tight enough for OpenSSH, and why not.</summary>
    public sealed class AccessVerdict
    {
        public AccessVerdict(bool isOwnerOnly, string description, string? problem)
        {
            IsOwnerOnly = isOwnerOnly;
            Description = description;
            Problem = problem;
        }

        /// <summary>True when only the owner (and, on Windows, SYSTEM/Administrators) can read it.</summary>
        public bool IsOwnerOnly { get; }

        /// <summary>The rights as a person would read them: "0600" or an ACL summary.</summary>
        public string Description { get; }

        /// <summary>Null when fine; otherwise what is wrong, in words.</summary>
        public string? Problem { get; }

        public override string ToString() => Problem ?? Description;
    }
}
