namespace EspriSsh.Core.Diagnostics
{
    /// <summary>How much a finding matters: Error blocks login, Warning may, Info is for context.</summary>
    public enum FindingSeverity
    {
        Error,
        Warning,
        Info,
    }
}
