using System.Security.Authentication;
using Grpc.Core;

namespace NodeAgent.Federation.Link;

/// <summary>
/// Names the failures the reconnect pipeline handles (and nothing else: an unknown exception is a bug and stops the
/// link), and tells a refusal (TLS trust, the hub's admission) from a transient fault.
/// </summary>
internal static class LinkFailure
{
    private static readonly StatusCode[] TransientCodes =
    [
        StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted, StatusCode.Aborted,
        StatusCode.Internal, StatusCode.Unknown, StatusCode.Cancelled,
    ];

    private static readonly StatusCode[] RefusedCodes = [StatusCode.PermissionDenied, StatusCode.Unauthenticated];

    /// <summary>True for the exceptions the link retries.</summary>
    public static bool IsHandled(Exception exception) => exception switch
    {
        RpcException rpc => TransientCodes.Contains(rpc.StatusCode) || RefusedCodes.Contains(rpc.StatusCode),
        HttpRequestException or IOException or AuthenticationException or HubStreamEndedException => true,
        _ => false,
    };

    /// <summary>True when the failure is a refusal: the hub or its certificate said no, rather than the network failing.</summary>
    public static bool IsRefusal(Exception exception)
    {
        if (exception is RpcException rpc && RefusedCodes.Contains(rpc.StatusCode))
        {
            return true;
        }

        return Causes(exception).Any(e => e is AuthenticationException);
    }

    /// <summary>A one-line reason for the log: the status and the innermost message.</summary>
    public static string Describe(Exception exception)
    {
        var innermost = Causes(exception).Last();
        var status = exception is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : exception.GetType().Name;
        return ReferenceEquals(innermost, exception) ? status : $"{status} ({innermost.GetType().Name}: {innermost.Message})";
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e is RpcException rpc ? rpc.Status.DebugException ?? rpc.InnerException : e.InnerException)
        {
            yield return e;
        }
    }
}
