using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Tools
{
    /// <summary>
    /// What ssh itself accepts as a host name and a login (OpenSSH 9.6+ ssh_valid_hostname and
    /// ssh_valid_ruser): nothing that starts with '-' (it would be read as an option, such as
    /// -oProxyCommand=...), no control character, no whitespace and no shell metacharacter (they end up
    /// in %h/%r tokens of ProxyCommand and Match exec). Checked before any value reaches a program.
    /// </summary>
    public static class SshNames
    {
        private const string HostForbidden = "'`\"$\\;&<>|(){},";
        private const string LoginForbidden = "'`\";&<>|(){}";

        public static bool IsValidHostName(string? name)
        {
            if (string.IsNullOrEmpty(name) || name![0] == '-')
            {
                return false;
            }

            foreach (char c in name)
            {
                if (HostForbidden.IndexOf(c) >= 0 || char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsValidLogin(string? login)
        {
            if (string.IsNullOrEmpty(login) || login![0] == '-' || login[login.Length - 1] == '\\')
            {
                return false;
            }

            for (int i = 0; i < login.Length; i++)
            {
                char c = login[i];
                bool optionAfterSpace = char.IsWhiteSpace(c) && i + 1 < login.Length && login[i + 1] == '-';
                if (char.IsControl(c) || LoginForbidden.IndexOf(c) >= 0 || optionAfterSpace)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>HostNameInvalid unless ssh would take <paramref name="name"/> as a host.</summary>
        public static string RequireHostName(string? name)
        {
            if (!IsValidHostName(name))
            {
                throw new EspriException(ErrorIds.HostNameInvalid,
                    $"'{Printable(name)}' is not a host name ssh accepts: it must not start with '-' (ssh would read an option) nor contain spaces, "
                    + "quotes or characters such as ; & | $ ( ) { } < > ,. Give a site alias (Get-EspriSite lists them) or a host's DNS name.", name);
            }

            return name!;
        }

        /// <summary>LoginInvalid unless ssh would take <paramref name="login"/> as a remote user name.</summary>
        public static string RequireLogin(string? login, string parameter)
        {
            if (!IsValidLogin(login))
            {
                throw new EspriException(ErrorIds.LoginInvalid,
                    $"-{parameter} '{Printable(login)}' is not a login ssh accepts: it must not start with '-' nor contain quotes, control characters "
                    + "or characters such as ; & | ( ) { } < >. Give the user name the centre gave you.", login);
            }

            return login!;
        }

        /// <summary>The value as it can be shown in a message: control characters (a newline...) made visible.</summary>
        private static string Printable(string? value)
        {
            var text = new System.Text.StringBuilder();
            foreach (char c in value ?? "")
            {
                text.Append(char.IsControl(c) ? "\\x" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
            }

            return text.ToString();
        }
    }
}
