namespace EspriSsh.Core.Connection
{
    public enum StageStatus
    {
        Passed,
        Warning,
        Failed,
        Skipped,
    }
}
