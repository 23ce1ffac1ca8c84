using System;
using System.Security.Cryptography;

namespace EspriSsh.Core.Keys
{
    /// <summary>Fingerprints as ssh-keygen -l prints them.</summary>
    public static class KeyFingerprint
    {
        /// <summary>"SHA256:" + unpadded base64 of SHA-256 over the public key blob.</summary>
        public static string Sha256(byte[] publicKeyBlob)
        {
            using var sha = SHA256.Create();
            return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(publicKeyBlob)).TrimEnd('=');
        }
    }
}
