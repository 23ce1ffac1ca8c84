namespace EspriSsh.Core.Site
{
    /// <summary>A host key fingerprint the site publishes (SHA256:...), to check the first connection.</summary>
    public sealed class HostKeyFingerprint
    {
        public string HostName { get; set; } = "";

        public string KeyType { get; set; } = "";

        public string Fingerprint { get; set; } = "";
    }
}
