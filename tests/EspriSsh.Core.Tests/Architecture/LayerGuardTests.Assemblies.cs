#if NET
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// The compiled-assembly guard fed sample assemblies made in the test (PersistedAssemblyBuilder):
    /// a Keys type reaching a Workflows type in each way code can compile to, which
    /// <see cref="AssemblyReferences"/> must find, and the allowed direction, which it must let pass.
    /// </summary>
    public partial class LayerGuardTests
    {
        private const string Upward = "EspriSsh.Core.Keys.Planted (Keys) uses EspriSsh.Core.Workflows.Setup.SetupWorkflow (Workflows)";

        /// <summary>How the planted Keys type reaches the Workflows type.</summary>
        public static TheoryData<string> Plantings => new TheoryData<string>
        {
            "new in a method body", // what `new Workflows.Setup.SetupWorkflow()` inside namespace EspriSsh.Core.Keys compiles to
            "static call", "field type", "base type", "interface", "generic argument", "method parameter", "local variable",
            "catch clause", "typeof in an attribute", "inside a nested type (a lambda's closure)", "through a type outside the layers",
        };

        [Theory]
        [MemberData(nameof(Plantings))]
        public void APlantedUpwardReferenceInACompiledAssemblyIsRejected(string planting)
        {
            List<string> violations = LayerTests.Violations(AssemblyReferences.Of(Sample(planting)));

            Assert.Contains(planting switch
            {
                "interface" => "EspriSsh.Core.Keys.Planted (Keys) uses EspriSsh.Core.Workflows.IStep (Workflows)",
                "through a type outside the layers" => "Elsewhere.Relay (outside the layers) uses EspriSsh.Core.Workflows.Setup.SetupWorkflow (Workflows)",
                _ => Upward,
            }, violations);
        }

        [Fact]
        public void ALaterLayerUsingAnEarlierOneInACompiledAssemblyPasses()
        {
            byte[] image = Sample("none");

            Assert.Contains(("EspriSsh.Core.Workflows.Setup.SetupWorkflow", "EspriSsh.Core.Keys.Planted"), AssemblyReferences.Of(image));
            Assert.Empty(LayerTests.Violations(AssemblyReferences.Of(image)));
        }

        /// <summary>
        /// An assembly with EspriSsh.Core.Workflows.Setup.SetupWorkflow (which uses EspriSsh.Core.Keys.Planted:
        /// allowed) and EspriSsh.Core.Keys.Planted, which uses SetupWorkflow the way <paramref name="planting"/> says.
        /// </summary>
        private static byte[] Sample(string planting)
        {
            var assembly = new PersistedAssemblyBuilder(new AssemblyName("Planted"), typeof(object).Assembly);
            ModuleBuilder module = assembly.DefineDynamicModule("Planted");

            TypeBuilder marker = module.DefineType("EspriSsh.Core.Errors.MarkAttribute", TypeAttributes.Public | TypeAttributes.Sealed, typeof(Attribute));
            ConstructorBuilder markerCtor = marker.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, new[] { typeof(Type) });
            Emit(markerCtor.GetILGenerator(), il => { il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!); });

            TypeBuilder contract = module.DefineType("EspriSsh.Core.Workflows.IStep", TypeAttributes.Public | TypeAttributes.Interface | TypeAttributes.Abstract);
            TypeBuilder workflow = module.DefineType("EspriSsh.Core.Workflows.Setup.SetupWorkflow", TypeAttributes.Public, typeof(Exception));
            ConstructorBuilder workflowCtor = workflow.DefineDefaultConstructor(MethodAttributes.Public);
            MethodBuilder run = workflow.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
            Emit(run.GetILGenerator(), _ => { });

            TypeBuilder planted = planting == "base type"
                ? module.DefineType("EspriSsh.Core.Keys.Planted", TypeAttributes.Public, workflow)
                : module.DefineType("EspriSsh.Core.Keys.Planted", TypeAttributes.Public);
            MethodBuilder use = planted.DefineMethod("Use", MethodAttributes.Public | MethodAttributes.Static, typeof(void),
                planting == "method parameter" ? new Type[] { workflow } : Type.EmptyTypes);
            ILGenerator body = use.GetILGenerator();
            var later = new List<TypeBuilder>(); // created after the types they are nested in or use
            switch (planting)
            {
                case "new in a method body": Emit(body, il => { il.Emit(OpCodes.Newobj, workflowCtor); il.Emit(OpCodes.Pop); }); break;
                case "static call": Emit(body, il => il.Emit(OpCodes.Call, run)); break;
                case "field type": planted.DefineField("step", workflow, FieldAttributes.Private); break;
                case "interface": planted.AddInterfaceImplementation(contract); break;
                case "generic argument": planted.DefineField("steps", typeof(List<>).MakeGenericType(workflow), FieldAttributes.Private); break;
                case "local variable": Emit(body, il => il.DeclareLocal(workflow)); break;
                case "catch clause":
                    Emit(body, il =>
                    {
                        il.BeginExceptionBlock();
                        il.BeginCatchBlock(workflow);
                        il.Emit(OpCodes.Pop);
                        il.EndExceptionBlock();
                    });
                    break;
                case "typeof in an attribute": planted.SetCustomAttribute(new CustomAttributeBuilder(markerCtor, new object[] { workflow })); break;
                case "inside a nested type (a lambda's closure)":
                    later.Add(planted.DefineNestedType("<>c", TypeAttributes.NestedPrivate));
                    Emit(later[0].DefineMethod("<Use>b__0", MethodAttributes.Assembly | MethodAttributes.Static).GetILGenerator(), il => il.Emit(OpCodes.Call, run));
                    break;
                case "through a type outside the layers":
                    later.Add(module.DefineType("Elsewhere.Relay", TypeAttributes.Public));
                    MethodBuilder pass = later[0].DefineMethod("Pass", MethodAttributes.Public | MethodAttributes.Static);
                    Emit(pass.GetILGenerator(), il => il.Emit(OpCodes.Call, run));
                    Emit(body, il => il.Emit(OpCodes.Call, pass)); // Keys may use a type outside the layers; that type may not pass Workflows along
                    break;
            }

            if (body.ILOffset == 0)
            {
                Emit(body, _ => { });
            }

            // The allowed direction, in every sample: the workflow uses the Keys type.
            workflow.DefineField("key", planted, FieldAttributes.Private);

            foreach (TypeBuilder type in new[] { marker, contract, workflow, planted }.Concat(later))
            {
                type.CreateType();
            }

            using var stream = new MemoryStream();
            assembly.Save(stream);
            return stream.ToArray();
        }

        private static void Emit(ILGenerator il, Action<ILGenerator> code)
        {
            code(il);
            il.Emit(OpCodes.Ret);
        }
    }
}
#endif
