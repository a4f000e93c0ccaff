using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Creates the function class per invocation from the invocation's services (as the worker's default
/// activator does), calls the method and awaits whatever it returns.
/// </summary>
internal static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(FunctionDescriptor function, IServiceProvider services, object?[] arguments)
    {
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Class);
        try
        {
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, CultureInfo.InvariantCulture);
            return await UnwrapAsync(returned);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var type = task.GetType();
                // Task<T> exposes Result; a plain Task's runtime type may be Task<VoidTaskResult>, which is internal.
                return type.IsGenericType && type.GetGenericArguments()[0].IsVisible
                    ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            case not null when returned.GetType() is { IsGenericType: true } valueTaskType
                               && valueTaskType.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)valueTaskType.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                return await UnwrapAsync(asTask);
            default:
                return returned;
        }
    }

    /// <summary>Binds the parameters every trigger shares, or explains at start-up why one cannot be bound.</summary>
    public static Func<TContext, object?> BindCommon<TContext>(FunctionDescriptor function, ParameterInfo parameter, Func<TContext, CancellationToken> cancellation)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => cancellation(context);
        }

        if (parameter.ParameterType == typeof(FunctionContext))
        {
            throw new NotSupportedException(
                $"{function}: the local runner does not bind FunctionContext; inject ILogger<T> and services through the constructor.");
        }

        throw new NotSupportedException($"{function}: the local runner cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}).");
    }

    /// <summary>Converts binding data (route values, message properties) to a parameter's type.</summary>
    public static object? ConvertBindingValue(object? value, Type targetType)
    {
        var underlying = Nullable.GetUnderlyingType(targetType);
        if (value is null || value is string { Length: 0 } && targetType != typeof(string))
        {
            return underlying is not null || !targetType.IsValueType ? null : Activator.CreateInstance(targetType);
        }

        var type = underlying ?? targetType;
        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(Convert.ToString(value, CultureInfo.InvariantCulture)!);
    }
}
