namespace EspriSsh.Core.Site
{
    public sealed class SupportInfo
    {
        public string Address { get; set; } = "";

        public string ReportSubject { get; set; } = "";

        public string ReportFileName { get; set; } = "ssh-debug4support.txt";
    }
}
