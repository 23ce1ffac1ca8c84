namespace EspriSsh.Core.Platform
{
    /// <summary>One "allow" entry of a Windows ACL, reduced to what Win32-OpenSSH looks at.</summary>
    public sealed class AclEntry
    {
        public AclEntry(string sid, bool canRead)
        {
            Sid = sid;
            CanRead = canRead;
        }

        public string Sid { get; }

        public bool CanRead { get; }
    }
}
