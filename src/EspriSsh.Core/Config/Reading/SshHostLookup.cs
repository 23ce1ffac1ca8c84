using System;
using System.Net;
using System.Net.Sockets;
using EspriSsh.Core.Config.Grammar;

namespace EspriSsh.Core.Config.Reading
{
    /// <summary>The name lookup CanonicalizeHostname makes (getaddrinfo with AI_CANONNAME).</summary>
    internal static class SshHostLookup
    {
        /// <summary>The canonical name DNS gives for <paramref name="name"/>, or null when it does not resolve.</summary>
        public static string? Dns(string name)
        {
            try
            {
                IPHostEntry entry = System.Net.Dns.GetHostEntry(name);
                return entry.AddressList.Length == 0 ? null : entry.HostName;
            }
            catch (Exception ex) when (ex is SocketException || ex is ArgumentException)
            {
                return null;
            }
        }
    }
}
