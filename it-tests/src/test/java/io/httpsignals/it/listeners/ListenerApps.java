package io.httpsignals.it.listeners;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Child programs of the listener tests. */
public final class ListenerApps {

    private ListenerApps() {
    }

    /**
     * GETs each URL with the JDK HttpClient, one after the other, printing {@code response <status> <url>} or
     * {@code failed <exception class> <url>}. With {@code --mbean=N} first, then waits until the summary MBean has
     * counted N requests (the end signal may trail the response by a moment) and prints its attributes.
     */
    public static final class JdkGets {
        public static void main(String[] args) throws Exception {
            long expectMbeanRequests = -1;
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (String arg : args) {
                if (arg.startsWith("--mbean=")) {
                    expectMbeanRequests = Long.parseLong(arg.substring("--mbean=".length()));
                    continue;
                }
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(arg)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    System.out.println("response " + r.statusCode() + " " + arg);
                } catch (java.io.IOException e) {
                    System.out.println("failed " + e.getClass().getName() + " " + arg);
                }
            }
            if (expectMbeanRequests >= 0) {
                printSummaryMBean(expectMbeanRequests);
            }
        }

        private static void printSummaryMBean(long expected) throws Exception {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.httpsignals:type=Summary");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !(server.isRegistered(name)
                    && (Long) server.getAttribute(name, "Requests") >= expected)) {
                Thread.sleep(20);
            }
            if (!server.isRegistered(name)) {
                System.out.println("mbean missing");
                return;
            }
            for (String a : new String[] {"Requests", "Errors", "Status2xx", "Status4xx", "Status5xx",
                    "ConnectionsCreated", "ConnectionsReused", "QueuedRequests"}) {
                System.out.println("mbean " + a + "=" + server.getAttribute(name, a));
            }
            for (CompositeData row : (CompositeData[]) server.getAttribute(name, "Hosts")) {
                System.out.println("mbean host " + row.get("client") + " " + row.get("host") + " requests="
                        + row.get("requests") + " errors=" + row.get("errors"));
            }
        }
    }
}
