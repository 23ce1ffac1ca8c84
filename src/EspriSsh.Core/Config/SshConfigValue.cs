namespace EspriSsh.Core.Config
{
    /// <summary>One value a directive gave, and the line it came from.</summary>
    internal sealed class SshConfigValue
    {
        public SshConfigValue(string value, SshConfigLocation source)
        {
            Value = value;
            Source = source;
        }

        public string Value { get; }

        public SshConfigLocation Source { get; }
    }
}
