namespace EspriSsh.Core.Site
{
    public sealed class SupportInfo
    {
        public string Address { get; set; } = "";

        public string ReportSubject { get; set; } = "";

        public string ReportFileName { get; set; } = "ssh-debug4support.txt";

        /// <summary>The web address of the account form where the public key line is pasted; null when the profile has none.</summary>
        public string? AccountFormUrl { get; set; }
    }
}
