using System.IO;

namespace EspriSsh.Core.Platform
{
    /// <summary>
    /// What differs per OS about protecting secrets on disk: creating a file or folder that only the
    /// owner can read from its first byte, judging whether an existing file is too open for OpenSSH,
    /// and repairing it. Unix uses modes (0600/0700); Windows owner-only ACLs without inheritance.
    /// </summary>
    public interface IFileProtection
    {
        /// <summary>Creates a new file (fails if it exists) readable and writable by the owner only.</summary>
        FileStream CreateOwnerOnlyFile(string path);

        /// <summary>Creates the directory (and parents) with owner-only rights when it is missing.</summary>
        void EnsureOwnerOnlyDirectory(string path);

        /// <summary>Tells whether OpenSSH would accept the rights of this private file.</summary>
        AccessVerdict Inspect(string path);

        /// <summary>
        /// Restricts an existing file to its owner (chmod 600 / owner-only ACL); on Unix a folder gets
        /// 0700. Never through a link: a link (even one swapped in at the last moment) is an IOException.
        /// </summary>
        void RestrictToOwner(string path);

        /// <summary>
        /// Whether users other than the owner may create, replace or delete files in this folder, as
        /// OpenSSH's StrictModes judges a folder (group or world write bit on Unix). Win32-OpenSSH
        /// judges files, not folders: always fine there.
        /// </summary>
        AccessVerdict InspectFolder(string path);

        /// <summary>Takes write access to the folder from everyone but its owner, keeping the other rights (chmod go-w); never through a link.</summary>
        void RemoveOthersWrite(string path);
    }
}
