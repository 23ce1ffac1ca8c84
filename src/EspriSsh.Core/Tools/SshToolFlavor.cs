namespace EspriSsh.Core.Tools
{
    /// <summary>Which ssh distribution a tool belongs to; support needs to know (their quirks differ).</summary>
    public enum SshToolFlavor
    {
        OpenSsh,
        Win32OpenSsh,
        GitForWindows,
        MobaXterm,
        Other,
    }
}
