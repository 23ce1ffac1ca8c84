namespace EspriSsh.Core.Config
{
    public enum SshConfigLineKind
    {
        /// <summary>Empty or whitespace only.</summary>
        Blank,

        /// <summary>First non-blank character is '#'.</summary>
        Comment,

        /// <summary>A keyword and its arguments.</summary>
        Directive,

        /// <summary>A keyword whose arguments ssh cannot split (an unclosed quote): ssh rejects the file.</summary>
        Invalid,
    }
}
