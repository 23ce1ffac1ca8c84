#if NET
#nullable enable
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace EspriSsh.Core.Tests.Architecture
{
    /// <summary>
    /// Which of its own types each type of a compiled assembly refers to, read from the metadata and
    /// the IL (System.Reflection.Metadata), so nothing the compiler accepts can hide a reference: a
    /// using, an alias, a global using, a fully qualified name or a csproj &lt;Using&gt; all compile to
    /// the same tokens. Looked at: base type, interfaces, generic constraints, field, method, property
    /// and event signatures, explicit implementations, attributes (typeof arguments included), local
    /// variables, catch clauses and every token of the IL. Nested types (lambdas, iterators, async
    /// state machines) count as their outermost type.
    /// </summary>
    internal sealed class AssemblyReferences
    {
        private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value, op => op.OperandType);

        private readonly MetadataReader reader;
        private readonly PEReader pe;
        private readonly SignatureCollector signatures;
        private readonly Dictionary<string, TypeDefinitionHandle> ownTypes;

        private const string SystemType = "System.Type";

        private AssemblyReferences(PEReader pe)
        {
            this.pe = pe;
            reader = pe.GetMetadataReader();
            signatures = new SignatureCollector(this);
            ownTypes = reader.TypeDefinitions.Where(h => reader.GetTypeDefinition(h).GetDeclaringType().IsNil).ToDictionary(h => FullName(reader, h));
        }

        /// <summary>Every (from, to) pair of distinct outermost types, by full name.</summary>
        public static IReadOnlyCollection<(string From, string To)> Of(byte[] image)
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            var walker = new AssemblyReferences(pe);
            return walker.Walk();
        }

        private HashSet<TypeDefinitionHandle> Found { get; set; } = new HashSet<TypeDefinitionHandle>();

        private IReadOnlyCollection<(string, string)> Walk()
        {
            var pairs = new HashSet<(string, string)>();
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                Found = new HashSet<TypeDefinitionHandle>();
                VisitType(reader.GetTypeDefinition(handle));
                string from = FullName(reader, Outermost(handle));
                foreach (TypeDefinitionHandle used in Found)
                {
                    string to = FullName(reader, Outermost(used));
                    if (to != from)
                    {
                        pairs.Add((from, to));
                    }
                }
            }

            return pairs;
        }

        private void VisitType(TypeDefinition type)
        {
            Entity(type.BaseType);
            Attributes(type.GetCustomAttributes());
            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                Entity(reader.GetInterfaceImplementation(i).Interface);
            }

            GenericParameters(type.GetGenericParameters());
            foreach (FieldDefinitionHandle f in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(f);
                field.DecodeSignature(signatures, null);
                Attributes(field.GetCustomAttributes());
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                VisitMethod(reader.GetMethodDefinition(m));
            }

            foreach (MethodImplementationHandle m in type.GetMethodImplementations())
            {
                MethodImplementation implementation = reader.GetMethodImplementation(m);
                Entity(implementation.MethodBody);
                Entity(implementation.MethodDeclaration);
            }

            foreach (PropertyDefinitionHandle p in type.GetProperties())
            {
                PropertyDefinition property = reader.GetPropertyDefinition(p);
                property.DecodeSignature(signatures, null);
                Attributes(property.GetCustomAttributes());
            }

            foreach (EventDefinitionHandle e in type.GetEvents())
            {
                EventDefinition definition = reader.GetEventDefinition(e);
                Entity(definition.Type);
                Attributes(definition.GetCustomAttributes());
            }
        }

        private void VisitMethod(MethodDefinition method)
        {
            method.DecodeSignature(signatures, null);
            Attributes(method.GetCustomAttributes());
            GenericParameters(method.GetGenericParameters());
            foreach (ParameterHandle p in method.GetParameters())
            {
                Attributes(reader.GetParameter(p).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            Entity(body.LocalSignature);
            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                Entity(region.CatchType);
            }

            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                byte first = il.ReadByte();
                short value = first == 0xFE ? (short)(0xFE00 | il.ReadByte()) : first;
                OperandType operand = OperandTypes[value];
                switch (operand)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32(); // read first: `Offset += 4 * ReadInt32()` would take the Offset before the read
                        il.Offset += 4 * targets;
                        break;
                    default:
                        il.Offset += OperandSize(operand);
                        break;
                }
            }
        }

        private static int OperandSize(OperandType operand) => operand switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            _ => 4,
        };

        private void GenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (GenericParameterHandle p in parameters)
            {
                foreach (GenericParameterConstraintHandle c in reader.GetGenericParameter(p).GetConstraints())
                {
                    Entity(reader.GetGenericParameterConstraint(c).Type);
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (CustomAttributeHandle a in attributes)
            {
                CustomAttribute attribute = reader.GetCustomAttribute(a);
                Entity(attribute.Constructor);
                CustomAttributeValue<string> value = attribute.DecodeValue(new AttributeArgumentTypes(this));
                IEnumerable<(string Type, object? Value)> arguments = value.FixedArguments.Select(x => (x.Type, x.Value))
                    .Concat(value.NamedArguments.Select(x => (x.Type, x.Value)));
                foreach ((string type, object? argument) in arguments)
                {
                    // typeof(X) arrives as X's name: the argument's value when its type is System.Type.
                    foreach (string? name in new[] { type, type == SystemType ? argument as string : null })
                    {
                        if (name != null && ownTypes.TryGetValue(name, out TypeDefinitionHandle own))
                        {
                            Found.Add(own);
                        }
                    }
                }
            }
        }

        /// <summary>Records the types of this assembly that a token or handle names, however indirectly.</summary>
        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    Found.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(signatures, null);
                    break;
                case HandleKind.MethodDefinition:
                    Found.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    Found.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(signatures, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(signatures, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(specification.Method);
                    specification.DecodeSignature(signatures, null);
                    break;
                case HandleKind.StandaloneSignature:
                    StandaloneSignature signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
                    {
                        signature.DecodeLocalSignature(signatures, null);
                    }
                    else
                    {
                        signature.DecodeMethodSignature(signatures, null);
                    }

                    break;
            }
        }

        private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
        {
            TypeDefinitionHandle declaring;
            while (!(declaring = reader.GetTypeDefinition(handle).GetDeclaringType()).IsNil)
            {
                handle = declaring;
            }

            return handle;
        }

        private static string FullName(MetadataReader md, TypeDefinitionHandle handle)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
        }

        /// <summary>Decodes signatures for their side effect: every type definition met is recorded.</summary>
        private sealed class SignatureCollector : ISignatureTypeProvider<object?, object?>
        {
            private readonly AssemblyReferences owner;

            public SignatureCollector(AssemblyReferences owner) => this.owner = owner;

            public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            {
                owner.Found.Add(handle);
                return null;
            }

            public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

            public object? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            {
                owner.Entity(handle);
                return null;
            }

            public object? GetArrayType(object? elementType, ArrayShape shape) => null;

            public object? GetByReferenceType(object? elementType) => null;

            public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;

            public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;

            public object? GetGenericMethodParameter(object? genericContext, int index) => null;

            public object? GetGenericTypeParameter(object? genericContext, int index) => null;

            public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;

            public object? GetPinnedType(object? elementType) => null;

            public object? GetPointerType(object? elementType) => null;

            public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

            public object? GetSZArrayType(object? elementType) => null;
        }

        /// <summary>
        /// Attribute arguments, their types as full names: typeof(X) is stored as X's name, and an enum
        /// argument's size is its type's underlying type. An enum of another assembly is read as Int32,
        /// the underlying type of every enum the core's attributes take.
        /// </summary>
        private sealed class AttributeArgumentTypes : ICustomAttributeTypeProvider<string>
        {
            private readonly AssemblyReferences owner;

            public AttributeArgumentTypes(AssemblyReferences owner) => this.owner = owner;

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

            public string GetSystemType() => SystemType;

            public string GetSZArrayType(string elementType) => elementType;

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(reader, handle);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
            {
                TypeReference reference = reader.GetTypeReference(handle);
                return reader.GetString(reference.Namespace) + "." + reader.GetString(reference.Name);
            }

            public string GetTypeFromSerializedName(string name) => name.Split(',')[0].Split('+')[0].Trim();

            public PrimitiveTypeCode GetUnderlyingEnumType(string type)
            {
                if (!owner.ownTypes.TryGetValue(type, out TypeDefinitionHandle own))
                {
                    return PrimitiveTypeCode.Int32;
                }

                FieldDefinition valueField = owner.reader.GetTypeDefinition(own).GetFields()
                    .Select(f => owner.reader.GetFieldDefinition(f))
                    .First(f => (f.Attributes & FieldAttributes.Static) == 0);
                return valueField.DecodeSignature(new EnumUnderlyingType(), null);
            }

            public bool IsSystemType(string type) => type == SystemType;
        }

        private sealed class EnumUnderlyingType : ISignatureTypeProvider<PrimitiveTypeCode, object?>
        {
            public PrimitiveTypeCode GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode;

            public PrimitiveTypeCode GetArrayType(PrimitiveTypeCode elementType, ArrayShape shape) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetByReferenceType(PrimitiveTypeCode elementType) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetFunctionPointerType(MethodSignature<PrimitiveTypeCode> signature) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetGenericInstantiation(PrimitiveTypeCode genericType, ImmutableArray<PrimitiveTypeCode> typeArguments) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetGenericMethodParameter(object? genericContext, int index) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetGenericTypeParameter(object? genericContext, int index) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetModifiedType(PrimitiveTypeCode modifier, PrimitiveTypeCode unmodifiedType, bool isRequired) => unmodifiedType;

            public PrimitiveTypeCode GetPinnedType(PrimitiveTypeCode elementType) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetPointerType(PrimitiveTypeCode elementType) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetSZArrayType(PrimitiveTypeCode elementType) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => throw new BadImageFormatException();

            public PrimitiveTypeCode GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => throw new BadImageFormatException();
        }
    }
}
#endif
