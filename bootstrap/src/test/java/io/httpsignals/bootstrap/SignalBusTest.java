package io.httpsignals.bootstrap;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.IncompletePhaseException;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalBusTest {

    /** Records "signal[:detail]" per callback, and its own context to prove contexts are per listener and request. */
    static final class Recorder implements HttpSignalListener<List<String>> {
        final List<String> seen = new ArrayList<>();

        @Override
        public List<String> newContext(RequestTrace trace) {
            return new ArrayList<>();
        }

        @Override
        public void onRequestStart(RequestTrace trace, List<String> ctx, long t, RequestHeaders headers) {
            ctx.add("start");
            seen.add("request_start");
        }

        @Override
        public void onConnectionQueuedStart(RequestTrace trace, List<String> ctx, long t, int leased, int pending,
                                            int max) {
            seen.add("connection_queued_start");
        }

        @Override
        public void onConnectionQueuedEnd(RequestTrace trace, List<String> ctx, long t, Throwable error) {
            seen.add("connection_queued_end" + (error == null ? "" : ":" + error.getClass().getSimpleName()));
        }

        @Override
        public void onConnectionReused(RequestTrace trace, List<String> ctx, long t, long id, String address,
                                       String protocol) {
            seen.add("connection_reuseconn");
        }

        @Override
        public void onRequestRetry(RequestTrace trace, List<String> ctx, long t, String reason) {
            seen.add("request_retry");
        }

        @Override
        public void onConnectionCreateStart(RequestTrace trace, List<String> ctx, long t) {
            seen.add("connection_create_start");
        }

        @Override
        public void onConnectionCreateEnd(RequestTrace trace, List<String> ctx, long t, long id, String address,
                                          String protocol, Throwable error) {
            seen.add("connection_create_end" + (error == null ? "" : ":" + error.getClass().getSimpleName()));
        }

        @Override
        public void onConnectStart(RequestTrace trace, List<String> ctx, long t, String address) {
            seen.add("connect_start:" + address);
        }

        @Override
        public void onConnectEnd(RequestTrace trace, List<String> ctx, long t, String address, Throwable error) {
            seen.add("connect_end:" + address + (error == null ? "" : ":" + error.getClass().getSimpleName()));
        }

        @Override
        public void onRequestEnd(RequestTrace trace, List<String> ctx, long t, int status, long sent, long received) {
            seen.add("request_end:" + status + ":" + sent + ":" + received + ":" + ctx);
        }

        @Override
        public void onRequestException(RequestTrace trace, List<String> ctx, long t, Throwable error) {
            seen.add("request_exception:" + error.getMessage());
        }
    }

    @AfterEach
    void reset() {
        SignalBus.retire(SignalBus.install(Map.of()));
    }

    private static Map<String, HttpSignalListener<?>> listeners(Object... nameAndListener) {
        Map<String, HttpSignalListener<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndListener.length; i += 2) {
            m.put((String) nameAndListener[i], (HttpSignalListener<?>) nameAndListener[i + 1]);
        }
        return m;
    }

    @Test
    void withoutListenersNothingStarts() {
        assertFalse(SignalBus.active());
        assertNull(SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of()));
        SignalBus.requestEnd(null, 200); // a null trace is always safe
    }

    @Test
    void lifecycleIsKeptWellFormed() {
        Recorder r = new Recorder();
        SignalBus.install(listeners("r", r));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of());
        SignalBus.connectEnd(t, "1.2.3.4:80", null); // an end without its start is dropped
        SignalBus.connectionCreateStart(t);
        SignalBus.connectStart(t, "10.0.0.1:80");
        SignalBus.connectStart(t, "10.0.0.2:80"); // restarting closes the previous attempt first
        SignalBus.responseChunkReceived(t, 5);
        SignalBus.requestEnd(t, 200);
        SignalBus.requestEnd(t, 500); // the terminal signal happens once
        SignalBus.requestException(t, new RuntimeException("late"));
        assertEquals(List.of("request_start", "connection_create_start", "connect_start:10.0.0.1:80",
                "connect_end:10.0.0.1:80:IncompletePhaseException", "connect_start:10.0.0.2:80",
                "connect_end:10.0.0.2:80:IncompletePhaseException",
                "connection_create_end:IncompletePhaseException", "request_end:200:0:5:[start]"), r.seen);
    }

    @Test
    void aConnectionForAWaitingRequestEndsItsWaitFirst() {
        // as Apache's async pool does under load: the lease is granted and connected on the releasing thread before
        // the waiting request's own hook reports the end of its wait
        Recorder r = new Recorder();
        SignalBus.install(listeners("r", r));
        Trace created = SignalBus.requestStart("apache-httpclient5-async", "GET", "http://h/", Map.of());
        SignalBus.connectionQueuedStart(created, 2, 1, 2);
        SignalBus.connectionCreateStart(created);
        SignalBus.connectionQueuedEnd(created, null); // late: dropped
        SignalBus.requestException(created, new java.net.ConnectException("refused"));
        assertEquals(List.of("request_start", "connection_queued_start", "connection_queued_end",
                "connection_create_start", "connection_create_end:ConnectException", "request_exception:refused"),
                r.seen);

        r.seen.clear();
        Trace reused = SignalBus.requestStart("apache-httpclient5-async", "GET", "http://h/", Map.of());
        SignalBus.connectionQueuedStart(reused, 2, 1, 2);
        SignalBus.connectionReused(reused, 7, "10.0.0.1:80", "HTTP/1.1");
        SignalBus.connectionQueuedEnd(reused, null);
        SignalBus.requestEnd(reused, 200);
        assertEquals(List.of("request_start", "connection_queued_start", "connection_queued_end",
                "connection_reuseconn", "request_end:200:0:0:[start]"), r.seen);

        // the other way round: the hop already has its connection when the waiter's hook reports the wait; a retry
        // starts a hop that may wait again
        r.seen.clear();
        Trace late = SignalBus.requestStart("apache-httpclient5-async", "GET", "http://h/", Map.of());
        SignalBus.connectionReused(late, 7, "10.0.0.1:80", "HTTP/1.1");
        SignalBus.connectionQueuedStart(late, 2, 1, 2);
        SignalBus.connectionQueuedEnd(late, null);
        SignalBus.requestRetry(late, "connection reset");
        SignalBus.connectionQueuedStart(late, 2, 1, 2);
        SignalBus.connectionQueuedEnd(late, null);
        SignalBus.requestEnd(late, 200);
        assertEquals(List.of("request_start", "connection_reuseconn", "request_retry", "connection_queued_start",
                "connection_queued_end", "request_end:200:0:0:[start]"), r.seen);
    }

    @Test
    void eachListenerKeepsItsOwnContextAndTheStatusSurvivesPhases() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        SignalBus.install(listeners("first", first, "second", second));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of());
        assertEquals(-1, t.lastStatus());
        SignalBus.connectionCreateStart(t);
        SignalBus.responseHeadersReceived(t, 503, "HTTP/1.1", Map.of());
        SignalBus.connectStart(t, "10.0.0.1:80"); // phase bits share the word that holds the status
        assertEquals(503, t.lastStatus());
        SignalBus.responseHeadersReceived(t, 200, "HTTP/1.1", Map.of());
        SignalBus.requestEnd(t, t.lastStatus());
        assertEquals(200, t.lastStatus());
        assertTrue(t.isEnded());
        assertEquals("request_end:200:0:0:[start]", first.seen.get(first.seen.size() - 1));
        assertEquals(first.seen, second.seen);
    }

    @Test
    void openPhasesCloseWithTheRequestsError() {
        Recorder r = new Recorder();
        SignalBus.install(listeners("r", r));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of());
        SignalBus.connectionCreateStart(t);
        SignalBus.connectStart(t, "10.0.0.1:80");
        SignalBus.requestException(t, new java.net.ConnectException("refused"));
        assertEquals(List.of("request_start", "connection_create_start", "connect_start:10.0.0.1:80",
                "connect_end:10.0.0.1:80:ConnectException", "connection_create_end:ConnectException",
                "request_exception:refused"), r.seen);
    }

    @Test
    void aThrowingListenerIsIsolatedAndCounted() {
        HttpSignalListener<Void> throwing = new HttpSignalListener<>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void ctx, long t, RequestHeaders headers) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onRequestEnd(RequestTrace trace, Void ctx, long t, int status, long s, long r) {
                throw new IllegalStateException("boom");
            }
        };
        Recorder r = new Recorder();
        SignalBus.install(listeners("throwing", throwing, "r", r));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of());
        SignalBus.requestEnd(t, 204);
        assertEquals(List.of("request_start", "request_end:204:0:0:[start]"), r.seen);
        assertEquals(2, SignalBus.current().slots()[0].errors());
    }

    @Test
    void headersInjectedAtStartAreHandedToTheAdvice() {
        HttpSignalListener<Void> injecting = new HttpSignalListener<>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void ctx, long t, RequestHeaders headers) {
                headers.set("traceparent", "00-abc-def-01");
                headers.add("Host", "evil"); // managed by the client: ignored
            }
        };
        SignalBus.install(listeners("inject", injecting));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of("accept", List.of("*/*")));
        assertEquals(Map.of("traceparent", List.of("00-abc-def-01")), t.injectedHeaders());
    }

    @Test
    void requestsMadeInsideACallbackEmitNothing() {
        List<Trace> inner = new ArrayList<>();
        HttpSignalListener<Void> recursive = new HttpSignalListener<>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void ctx, long t, RequestHeaders headers) {
                inner.add(SignalBus.requestStart("jdk-httpclient", "GET", "http://inner/", Map.of()));
            }
        };
        SignalBus.install(listeners("recursive", recursive));
        assertNotNull(SignalBus.requestStart("jdk-httpclient", "GET", "http://outer/", Map.of()));
        assertEquals(1, inner.size());
        assertNull(inner.get(0));
    }

    @Test
    void onlyOverriddenSignalsAreWanted() {
        SignalBus.install(listeners("r", new Recorder()));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "http://h/", Map.of());
        assertTrue(SignalBus.wants(t, io.httpsignals.api.Signal.CONNECT_START));
        assertFalse(SignalBus.wants(t, io.httpsignals.api.Signal.REQUEST_HEADERS_SENT));
    }

    @Test
    void urlPasswordsNeverReachListeners() {
        SignalBus.install(listeners("r", new Recorder()));
        Trace t = SignalBus.requestStart("jdk-httpclient", "GET", "https://user:secret@h:8443/p?q=1", Map.of());
        assertEquals("https://user:<redacted>@h:8443/p?q=1", t.url());
        assertTrue(new IncompletePhaseException("x").getStackTrace().length == 0);
    }
}
