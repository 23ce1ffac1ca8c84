using System;
using System.Management.Automation;

namespace EspriSsh.Binding
{
    /// <summary>
    /// On a text parameter that takes pipeline input by value. PowerShell turns an object that is
    /// not text into its type name ("EspriSsh.Core.Keys.KeyEntry") and uses that as the text: a host
    /// named after a type. So an object is let through only when it carries one of
    /// <see cref="Properties"/> with a value (a parameter binds it by name); anything else is refused
    /// with a message that says what the command takes.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class TextFromPipelineAttribute : ArgumentTransformationAttribute
    {
        /// <param name="expected">What the parameter takes, for the message ("a host name (spirit1, jean-zay...)").</param>
        /// <param name="properties">The properties that bind by name, the first found decides.</param>
        public TextFromPipelineAttribute(string expected, params string[] properties)
        {
            Expected = expected;
            Properties = properties;
        }

        public string Expected { get; }

        public string[] Properties { get; }

        /// <summary>What to say when the deciding property is there but empty ({0}: the object's Path).</summary>
        public string? WhenEmpty { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is string || value.GetType().IsPrimitive)
            {
                return inputData;
            }

            var item = PSObject.AsPSObject(inputData);
            string type = item.TypeNames.Count > 0 ? item.TypeNames[0] : value.GetType().FullName!;
            foreach (string name in Properties)
            {
                PSPropertyInfo? property = item.Properties[name];
                if (property == null)
                {
                    continue;
                }

                if (!string.IsNullOrEmpty(property.Value as string))
                {
                    return inputData;
                }

                string path = item.Properties["Path"]?.Value as string ?? "";
                throw new ArgumentTransformationMetadataException(WhenEmpty != null
                    ? string.Format(System.Globalization.CultureInfo.InvariantCulture, WhenEmpty, path)
                    : $"The object of type {type} given has no {name}.");
            }

            throw new ArgumentTransformationMetadataException(
                $"It takes {Expected}; it was given an object of type {type}, which is not one.");
        }
    }
}
