package io.httpsignals.agent.dispatch;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsyncListenerTest {

    record FakeTrace(long id) implements RequestTrace {
        public String client() {
            return "jdk-httpclient";
        }

        public String method() {
            return "GET";
        }

        public String url() {
            return "http://h/" + id;
        }

        public long startNanos() {
            return 0;
        }

        public long startEpochMicros() {
            return 0;
        }
    }

    /** Blocks in every end callback until released, recording what it saw. */
    static final class GatedListener implements HttpSignalListener<String> {
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public String newContext(RequestTrace trace) {
            return "ctx" + trace.id();
        }

        @Override
        public void onRequestStart(RequestTrace trace, String ctx, long t, RequestHeaders headers) {
            seen.add("start " + trace.id());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onResponseChunkReceived(RequestTrace trace, String ctx, long t, long bytes) {
            seen.add("chunk " + trace.id() + " " + bytes);
        }

        @Override
        public void onRequestEnd(RequestTrace trace, String ctx, long t, int status, long sent, long received) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("end " + trace.id() + " " + ctx + " " + status);
            threads.add(Thread.currentThread().getName());
        }
    }

    private static void request(AsyncListener async, long id) {
        RequestTrace trace = new FakeTrace(id);
        AsyncListener.RequestState s = async.newContext(trace);
        async.onRequestStart(trace, s, 1, null);
        async.onResponseChunkReceived(trace, s, 2, 10);
        async.onRequestEnd(trace, s, 3, 200, 0, 10);
    }

    @Test
    void aBlockedListenerNeverBlocksTheCallerAndWholeRequestsAreDroppedWhenFull() throws Exception {
        GatedListener slow = new GatedListener();
        AsyncListener async = new AsyncListener("slow", slow, 8, 5_000);
        long begin = System.nanoTime();
        for (long id = 1; id <= 20; id++) {
            request(async, id);
        }
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin) < 5, "callers were blocked");
        slow.gate.countDown();
        async.close();
        // every admitted request was delivered whole, in order; the others not at all
        List<String> seen = slow.seen;
        long admitted = seen.stream().filter(s -> s.startsWith("start")).count();
        assertTrue(admitted >= 1 && admitted < 20, seen.toString());
        for (long id = 1; id <= 20; id++) {
            String idText = Long.toString(id);
            List<String> mine = seen.stream().filter(s -> s.split(" ")[1].equals(idText)).toList();
            if (!mine.isEmpty()) {
                assertEquals(List.of("start " + id, "chunk " + id + " 10", "end " + id + " ctx" + id + " 200"), mine);
            }
        }
        assertEquals(20 - admitted, async.dropped());
        assertTrue(slow.threads.contains(Thread.currentThread().getName()), "request_start stays on the caller");
        assertTrue(slow.threads.contains("httpsignals-dispatch-slow"), "the rest runs on the dispatcher");
    }

    @Test
    void closeWaitsForTheSignalTheDispatcherIsStillDelivering() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch delivering = new CountDownLatch(1);
        HttpSignalListener<Void> slowEnd = new HttpSignalListener<>() {
            @Override
            public void onRequestEnd(RequestTrace trace, Void ctx, long t, int status, long sent, long received) {
                delivering.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("end");
            }

            @Override
            public void close() {
                order.add("close");
            }
        };
        AsyncListener async = new AsyncListener("slow-end", slowEnd, 16, 5_000);
        RequestTrace trace = new FakeTrace(1);
        AsyncListener.RequestState s = async.newContext(trace);
        async.onRequestEnd(trace, s, 3, 200, 0, 0);
        assertTrue(delivering.await(10, TimeUnit.SECONDS));
        // the queue is empty now, but the last signal is still being delivered
        async.close();
        assertEquals(List.of("end", "close"), order);
    }
}
