namespace EspriSsh.Core.Tools
{
    public sealed class SshToolLocation
    {
        public SshToolLocation(string name, string path, SshToolFlavor flavor)
        {
            Name = name;
            Path = path;
            Flavor = flavor;
        }

        /// <summary>ssh, ssh-add, ssh-keygen...</summary>
        public string Name { get; }

        public string Path { get; }

        public SshToolFlavor Flavor { get; }

        public override string ToString() => Path + " (" + Flavor + ")";
    }
}
