using System.Reflection;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>One <c>[Function]</c> method and the trigger attribute on its trigger parameter.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, ParameterInfo TriggerParameter, TriggerBindingAttribute Trigger)
{
    public Type Class => Method.DeclaringType!;

    /// <summary>
    /// Whether <paramref name="parameter"/> (one of <see cref="Method"/>'s) is the trigger. By position, not by
    /// reference: threads that first ask a method for its parameters at the same time can each get their own
    /// ParameterInfo objects, so two fixtures starting together saw the trigger as some other parameter.
    /// </summary>
    public bool IsTrigger(ParameterInfo parameter) => parameter.Position == TriggerParameter.Position;

    public override string ToString() => $"{Name} ({Class.FullName}.{Method.Name})";
}
