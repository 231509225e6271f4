package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;

/** The client connection of the session just opened for the thread's async request: its id and address. */
public final class ConnectionMadeAdvice {

    private ConnectionMadeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This ManagedAsyncClientConnection connection) {
        if (SignalBus.active() && ApacheTracking.current() != null) {
            ApacheTracking.asyncConnectionOpened(connection, connection.getRemoteAddress());
        }
    }
}
