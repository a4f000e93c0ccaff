using System.Reflection;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>One <c>[Function]</c> method and the trigger attribute on its trigger parameter.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, ParameterInfo TriggerParameter, TriggerBindingAttribute Trigger)
{
    public Type Class => Method.DeclaringType!;

    public override string ToString() => $"{Name} ({Class.FullName}.{Method.Name})";
}
