package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Ends a request's trace when the future of {@code sendAsync} completes, on whichever thread completes it (also
 * when the application cancels the future). A response whose body is an {@code InputStream} ends later, when the
 * application reads it to the end or closes it.
 */
public final class ResponseCompletion implements BiConsumer<Object, Throwable> {

    // HttpResponse is not visible to the bootstrap loader by name; look its method up once through the platform loader.
    private static final MethodHandle STATUS_CODE = statusCodeHandle();

    private final Trace trace;

    public ResponseCompletion(Trace trace) {
        this.trace = trace;
    }

    @Override
    public void accept(Object response, Throwable error) {
        if (error != null) {
            SignalBus.requestException(trace, unwrap(error));
        } else if (response != null && !JdkHttpSignals.endsWithStream(trace)) {
            SignalBus.requestEnd(trace, statusCode(response));
        }
    }

    public static int statusCode(Object response) {
        try {
            return STATUS_CODE == null ? -1 : (int) STATUS_CODE.invoke(response);
        } catch (Throwable e) {
            return -1;
        }
    }

    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
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
