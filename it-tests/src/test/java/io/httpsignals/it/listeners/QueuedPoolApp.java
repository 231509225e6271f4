package io.httpsignals.it.listeners;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes two requests queue for a pooled connection, deterministically: Apache HttpClient 5 with one connection
 * per route; the first response is held open (its connection stays leased) until the pool reports both other
 * requests pending, then released. Prints {@code response <status>} per request and {@code pending 2}.
 */
public final class QueuedPoolApp {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(1);
        pool.setDefaultMaxPerRoute(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build()) {
            ClassicHttpResponse held = client.executeOpen(null, new HttpGet(url), null);
            List<Future<Integer>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(threads.submit(() -> client.execute(new HttpGet(url), r -> {
                    EntityUtils.consume(r.getEntity());
                    return r.getCode();
                })));
            }
            while (pool.getTotalStats().getPending() < 2) {
                Thread.sleep(5);
            }
            System.out.println("pending " + pool.getTotalStats().getPending());
            EntityUtils.consume(held.getEntity());
            held.close();
            System.out.println("response " + held.getCode());
            for (Future<Integer> f : waiting) {
                System.out.println("response " + f.get());
            }
        } finally {
            threads.shutdown();
        }
    }
}
