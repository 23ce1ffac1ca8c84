namespace EspriSsh.Core.Tests
{
    /// <summary>A fact that shows as skipped, with the reason, when a real peer tool is not installed.</summary>
    public sealed class RequiresToolsFactAttribute : FactAttribute
    {
        public RequiresToolsFactAttribute(params string[] tools) => Skip = ExternalTool.MissingReason(tools);
    }

    public sealed class RequiresToolsTheoryAttribute : TheoryAttribute
    {
        public RequiresToolsTheoryAttribute(params string[] tools) => Skip = ExternalTool.MissingReason(tools);
    }
}
