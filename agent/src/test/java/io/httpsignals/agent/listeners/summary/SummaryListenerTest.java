package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.listeners.SyntheticRequest;
import io.httpsignals.api.ClientKind;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryListenerTest {

    private final Summary summary = new Summary();
    private final SummaryListener listener = new SummaryListener(summary, () -> { });

    private SyntheticRequest<Object> request(long id, String client, String url) {
        return SyntheticRequest.start(listener, id, client, "GET", url);
    }

    /** Three requests to one host over one connection, a fourth that queued, one failure, one other host. */
    private void traffic() {
        request(1, ClientKind.APACHE_HTTPCLIENT5, "https://api.example.test:8443/a")
                .created(0, 2, 10, 30, 1).responseHeaders(60, 200).end(70, 200);
        request(2, ClientKind.APACHE_HTTPCLIENT5, "https://api.example.test:8443/b?x=1")
                .reused(0.5, 1).responseHeaders(20, 200).end(21, 200);
        request(3, ClientKind.APACHE_HTTPCLIENT5, "https://user@API.example.test:8443/c")
                .queued(0.1, 40.1).reused(40.2, 1).responseHeaders(50, 503).end(51, 503);
        request(4, ClientKind.APACHE_HTTPCLIENT5, "https://api.example.test:8443/d")
                .queued(0.1, 10.1).reused(10.2, 1).responseHeaders(15, 302).end(16, 302);
        request(5, ClientKind.APACHE_HTTPCLIENT5, "https://api.example.test:8443/e")
                .connectFailed(0, 3, new ConnectException("refused")).fail(3, new ConnectException("refused"));
        request(6, ClientKind.JDK_HTTPCLIENT, "http://127.0.0.1:8080/hello").end(2, 200);
    }

    @Test
    void countsPerClientAndHostAndForAll() {
        traffic();
        HostSummary[] hosts = summary.getHosts();
        assertEquals(2, hosts.length, Arrays.toString(hosts));
        HostSummary api = hosts[0];
        assertEquals(ClientKind.APACHE_HTTPCLIENT5, api.getClient());
        assertEquals("api.example.test:8443", api.getHost());
        assertEquals(5, api.getRequests());
        assertEquals(1, api.getErrors());
        assertArrayEquals(new long[] {0, 2, 1, 0, 1}, api.getStatusClasses());
        assertEquals(1, api.getConnectionsCreated());
        assertEquals(3, api.getConnectionsReused());
        assertEquals(2, api.getQueuedRequests());
        assertEquals(50.0, api.getQueueTimeTotalMillis(), 0.01);
        assertEquals(40.0, api.getQueueTimeMaxMillis(), 0.01);
        assertEquals(1, (long) api.getDnsMillis()[0]);
        assertEquals(2.0, api.getDnsMillis()[4], 0.01);
        assertEquals(2, (long) api.getConnectMillis()[0], "the failed connect counts as a connect");
        assertEquals(1, (long) api.getTlsMillis()[0]);
        assertEquals(30.0, api.getTlsMillis()[4], 0.01);
        assertEquals(2, (long) api.getPoolWaitMillis()[0]);
        assertEquals(4, (long) api.getTimeToFirstByteMillis()[0]);
        assertEquals(70.0, api.getTotalMillis()[4], 0.01);

        HostSummary local = hosts[1];
        assertEquals(ClientKind.JDK_HTTPCLIENT, local.getClient());
        assertEquals("127.0.0.1:8080", local.getHost());
        assertEquals(1, local.getRequests());

        assertEquals(6, summary.getRequests());
        assertEquals(1, summary.getErrors());
        assertEquals(3, summary.getStatus2xx());
        assertEquals(2, summary.getQueuedRequests());
        assertEquals(40.0, summary.getQueueTimeMaxMillis(), 0.01);
        assertEquals(70.0, summary.getTotalMaxMillis(), 0.01);
        assertTrue(summary.getTotalP50Millis() >= 16 && summary.getTotalP50Millis() <= 22,
                "p50 " + summary.getTotalP50Millis());
    }

    @Test
    void tableHasARowPerHostAndOneForAll() {
        traffic();
        String table = summary.getTable();
        assertTrue(table.startsWith("httpsignals summary since "), table);
        assertTrue(table.matches("(?s).*apache-httpclient5 +api\\.example\\.test:8443 +5 +1 +0 +2 +1 +0 +1 +1 +3 +2 "
                + "+50\\.0 +40\\.0\n.*"), table);
        assertTrue(table.matches("(?s).*\nall +all +6 +1 .*"), table);
        assertTrue(table.matches("(?s).*\n +pool wait +2 .*"), table);
    }

    @Test
    void mbeanReadAndResetOverAnMBeanServer() throws Exception {
        traffic();
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName(SummaryListenerProvider.OBJECT_NAME);
        server.registerMBean(summary, name);
        assertEquals(6L, server.getAttribute(name, "Requests"));
        assertEquals(2L, server.getAttribute(name, "QueuedRequests"));
        CompositeData[] hosts = (CompositeData[]) server.getAttribute(name, "Hosts");
        assertEquals("api.example.test:8443", hosts[0].get("host"));
        assertEquals(5L, hosts[0].get("requests"));
        server.invoke(name, "reset", new Object[0], new String[0]);
        assertEquals(0L, server.getAttribute(name, "Requests"));
        assertEquals(0, ((CompositeData[]) server.getAttribute(name, "Hosts")).length);
    }

    @Test
    void aRequestAllocatesAtMost256Bytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SyntheticRequest.FakeTrace trace = new SyntheticRequest.FakeTrace(1, ClientKind.APACHE_HTTPCLIENT5, "GET",
                "https://api.example.test:8443/items?page=2", 1_000_000_000L);
        RuntimeException refused = new RuntimeException("refused");
        long thread = Thread.currentThread().getId();
        int rounds = 200_000;
        for (int warm = 0; warm < 2; warm++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < rounds; i++) {
                long t = trace.startNanos() + i;
                SummaryListener.Context c = listener.newContext(trace);
                if (i % 10 == 0) {
                    listener.onConnectionQueuedStart(trace, c, t + 1, 5, 1, 5);
                    listener.onConnectionQueuedEnd(trace, c, t + 2, null);
                }
                if (i % 3 == 0) {
                    listener.onConnectionCreateStart(trace, c, t + 3);
                    listener.onDnsResolveHostStart(trace, c, t + 4, "api.example.test");
                    listener.onDnsResolveHostEnd(trace, c, t + 5, "api.example.test", null, null);
                    listener.onConnectStart(trace, c, t + 6, "127.0.0.1:8443");
                    listener.onConnectEnd(trace, c, t + 7, "127.0.0.1:8443", null);
                    listener.onTlsHandshakeStart(trace, c, t + 8);
                    listener.onTlsHandshakeEnd(trace, c, t + 9, "TLSv1.3", "TLS_AES_128_GCM_SHA256", null, null);
                    listener.onConnectionCreateEnd(trace, c, t + 10, i, "127.0.0.1:8443", "HTTP/1.1", null);
                } else {
                    listener.onConnectionReused(trace, c, t + 3, 1, "127.0.0.1:8443", "HTTP/1.1");
                }
                listener.onResponseHeadersReceived(trace, c, t + 5_000_000L * (i % 50), 200, "HTTP/1.1", null);
                if (i % 17 == 0) {
                    listener.onRequestException(trace, c, t + 5_000_001L * (i % 50), refused);
                } else {
                    listener.onRequestEnd(trace, c, t + 5_000_001L * (i % 50), 200, 0, 10);
                }
            }
            long perRequest = (threads.getThreadAllocatedBytes(thread) - before) / rounds;
            if (warm == 1) {
                assertTrue(perRequest <= 256, "allocated " + perRequest + " bytes per request");
                System.out.println("summary listener: " + perRequest + " bytes allocated per request");
            }
        }
        assertEquals(2L * rounds, summary.getRequests());
    }
}
