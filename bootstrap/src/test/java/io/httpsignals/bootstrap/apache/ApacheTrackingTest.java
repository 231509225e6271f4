package io.httpsignals.bootstrap.apache;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestTrace;
import io.httpsignals.bootstrap.SignalBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApacheTrackingTest {

    /** Records the pool-wait signals and the terminal one. */
    static final class Recorder implements HttpSignalListener<Object> {
        final List<String> seen = new ArrayList<>();

        @Override
        public Object newContext(RequestTrace trace) {
            return null;
        }

        @Override
        public void onConnectionQueuedStart(RequestTrace trace, Object ctx, long t, int leased, int pending, int max) {
            seen.add("connection_queued_start");
        }

        @Override
        public void onConnectionQueuedEnd(RequestTrace trace, Object ctx, long t, Throwable error) {
            seen.add("connection_queued_end" + (error == null ? "" : ":" + error.getMessage()));
        }

        @Override
        public void onRequestEnd(RequestTrace trace, Object ctx, long t, int status, long sent, long received) {
            seen.add("request_end");
        }
    }

    private final Recorder recorder = new Recorder();

    @AfterEach
    void uninstall() {
        SignalBus.retire(SignalBus.install(Map.of()));
    }

    private ApacheRequest start() {
        SignalBus.install(Map.of("r", recorder));
        ApacheRequest request = ApacheTracking.start("apache-httpclient5", "GET", "http://127.0.0.1/", Map.of());
        ApacheTracking.exitAsync(null); // the test thread has no current request afterwards
        return request;
    }

    @Test
    void aLeaseGrantedBeforeItsWaitWasRecordedStillEndsTheWait() {
        // another thread completed the lease between the pool hook (which saw it pending) and the bookkeeping
        ApacheRequest request = start();
        ApacheTracking.queued(request, CompletableFuture.completedFuture("entry"), 2, 1, 2);
        SignalBus.requestEnd(request.trace, 200);
        assertEquals(List.of("connection_queued_start", "connection_queued_end", "request_end"), recorder.seen);
    }

    @Test
    void aLeaseFailedBeforeItsWaitWasRecordedEndsTheWaitWithItsError() {
        ApacheRequest request = start();
        ApacheTracking.queued(request, CompletableFuture.failedFuture(new IllegalStateException("pool shut down")),
                2, 1, 2);
        SignalBus.requestEnd(request.trace, 200);
        assertEquals(List.of("connection_queued_start", "connection_queued_end:pool shut down", "request_end"),
                recorder.seen);
    }

    @Test
    void aLeaseCompletedAfterItsWaitWasRecordedEndsItOnce() {
        ApacheRequest request = start();
        CompletableFuture<String> lease = new CompletableFuture<>();
        ApacheTracking.queued(request, lease, 2, 1, 2);
        ApacheTracking.futureDone(lease, -1, null, false);
        ApacheTracking.futureDone(lease, -1, null, false);
        SignalBus.requestEnd(request.trace, 200);
        assertEquals(List.of("connection_queued_start", "connection_queued_end", "request_end"), recorder.seen);
    }
}
