#if !NET
namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// The compiler reads this attribute by name: on netstandard2.0, which lacks it, this declaration
    /// lets the KDF's per-block methods skip zeroing scratch buffers they write whole anyway.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class SkipLocalsInitAttribute : Attribute
    {
    }
}
#endif
