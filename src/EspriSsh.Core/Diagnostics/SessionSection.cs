using System;
using System.Globalization;
using System.Runtime.InteropServices;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Diagnostics
{
    /// <summary>When, where and with what the report was made: clock, OS, PowerShell, module, login and host.</summary>
    internal static class SessionSection
    {
        public static ReportSection Collect(ReportContext context)
        {
            DebugReportRequest request = context.Request;
            DateTimeOffset now = DateTimeOffset.Now;
            TimeZoneInfo zone = TimeZoneInfo.Local;
            var section = new ReportSection("Computer and session")
                .Field("Date and time", now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
                    + " (UTC " + now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + ")")
                .Field("Time zone", zone.Id + " (" + zone.DisplayName + ")")
                .Field("Operating system", RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture)
                .Field("PowerShell", Join(request.PowerShellEdition, request.PowerShellVersion, request.PowerShellHost))
                .Field(".NET", RuntimeInfo.Framework + " (core build " + RuntimeInfo.CoreFlavor + ")")
                .Field("EspriSsh module", RuntimeInfo.ModuleVersion)
                .Field("Local user", Environment.UserName)
                .Field("Local computer", Environment.MachineName)
                .Field("Home directory", HostPlatform.HomeDirectory)
                .Field("ssh directory", request.SshDirectory)
                .Field("ESPRI login", string.IsNullOrEmpty(request.Login) ? "(not given: ssh uses the User of ssh_config, else the local user)" : request.Login)
                .Field("Host", request.HostName);

            SiteProfile site = context.Request.Site;
            SiteHost? known = site.FindHost(request.HostName);
            section.Field("Site", site.Name + " (" + site.Source + ")");
            section.Field("Host in site profile", known == null
                ? "no: not one of the site's hosts"
                : $"{known.Alias} = {known.HostName} ({known.Role}{(known.Via == null ? "" : ", via " + known.Via)})");
            return section;
        }

        private static string Join(params string?[] parts) =>
            string.Join(" ", Array.FindAll(parts, p => !string.IsNullOrEmpty(p)));
    }
}
