namespace EspriSsh.Core.Keys
{
    public enum PublicKeyProblemSeverity
    {
        /// <summary>Fixed in the normalized line; nothing to do but paste that line.</summary>
        Repaired,

        /// <summary>The line is usable but the site or security advice says otherwise.</summary>
        Warning,

        /// <summary>The line cannot be used.</summary>
        Error,
    }
}
