package io.httpsignals.bootstrap.jdkhttp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reads JDK HttpClient results from bootstrap code, which cannot name {@code java.net.http} types. */
public final class JdkResponses {

    // HttpResponse is not visible to the bootstrap loader by name; look its method up once through the platform loader.
    private static final MethodHandle STATUS_CODE = statusCodeHandle();

    private JdkResponses() {
    }

    /** {@code HttpResponse.statusCode()} of {@code response}, or -1. */
    public static int statusCode(Object response) {
        try {
            return STATUS_CODE == null ? -1 : (int) STATUS_CODE.invoke(response);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** The failure itself, without the CompletionException/ExecutionException wrappers of futures. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * The failure behind an exception {@code HttpClient.send} threw: {@code send} rethrows the failure of its
     * future as a new exception of the same kind with the same message, usually with the failure as its cause.
     */
    public static Throwable sendFailure(Throwable thrown) {
        Throwable cause = thrown.getCause();
        if (cause != null && !(thrown instanceof InterruptedException)
                && java.util.Objects.equals(thrown.getMessage(), cause.getMessage())) {
            return unwrap(cause);
        }
        return thrown;
    }

    private static MethodHandle statusCodeHandle() {
        try {
            Class<?> type = Class.forName("java.net.http.HttpResponse", false, ClassLoader.getPlatformClassLoader());
            return MethodHandles.publicLookup().findVirtual(type, "statusCode", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
