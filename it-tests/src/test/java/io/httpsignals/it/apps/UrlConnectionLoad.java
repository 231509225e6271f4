package io.httpsignals.it.apps;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child program: {@code threads} threads each make {@code requests} GETs of {@code url} with
 * {@link HttpURLConnection}, all starting together. Prints {@code done <ok> <failed>}.
 */
public final class UrlConnectionLoad {

    private UrlConnectionLoad() {
    }

    public static void main(String[] args) throws Exception {
        URL url = new URL(args[0]);
        int threads = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < requests; i++) {
                    try {
                        HttpURLConnection c = (HttpURLConnection) url.openConnection();
                        try (InputStream in = c.getInputStream()) {
                            in.readAllBytes();
                        }
                        if (c.getResponseCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.out.println("failure " + e);
                    }
                }
            }, "load-" + t);
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("done " + ok.get() + " " + failed.get());
    }
}
