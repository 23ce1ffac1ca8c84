namespace EspriSsh.Core.Config
{
    /// <summary>A line of a config file (1-based), for messages such as "set by ~/.ssh/config line 3".</summary>
    public sealed class SshConfigLocation
    {
        public SshConfigLocation(string file, int line)
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }

        public override string ToString() => File + " line " + Line;
    }
}
