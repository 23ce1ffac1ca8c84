using System;
using System.Security.Cryptography;
using System.Text;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>
    /// The name of Pageant's pipe, derived as PuTTY 0.75+ derives it (windows/utils/agent_named_pipe_name.c
    /// and cryptoapi.c): "pageant.USER.HASH", HASH being the hex SHA-256 of the SSH string (uint32 length,
    /// bytes) of "Pageant" NUL-padded to 16 bytes and passed through CryptProtectMemory.
    /// </summary>
    public static class PageantPipeName
    {
        private const int ProtectBlockSize = 16; // CRYPTPROTECTMEMORY_BLOCK_SIZE

        /// <param name="userName">See <see cref="UserName"/>.</param>
        public static string Derive(string userName, IMemoryProtection protection) =>
            "pageant." + userName + "." + Obfuscate("Pageant", protection);

        /// <summary>
        /// PuTTY's get_username(): the user principal name (user@domain) without its domain when
        /// Windows has one, else the logon name.
        /// </summary>
        public static string UserName(string? userPrincipalName, string logonName)
        {
            if (string.IsNullOrEmpty(userPrincipalName))
            {
                return logonName;
            }

            int at = userPrincipalName!.IndexOf('@');
            return at >= 0 ? userPrincipalName.Substring(0, at) : userPrincipalName;
        }

        private static string Obfuscate(string realName, IMemoryProtection protection)
        {
            byte[] name = Encoding.ASCII.GetBytes(realName);
            int length = (name.Length + 1 + ProtectBlockSize - 1) / ProtectBlockSize * ProtectBlockSize;
            byte[] block = new byte[length];
            Buffer.BlockCopy(name, 0, block, 0, name.Length);
            protection.ProtectCrossProcess(block);
            using var sha = SHA256.Create();
            byte[] digest = sha.ComputeHash(new SshWireWriter().WriteString(block).ToArray());
            var hex = new StringBuilder(64);
            foreach (byte b in digest)
            {
                hex.Append(b.ToString("x2"));
            }

            return hex.ToString();
        }
    }
}
