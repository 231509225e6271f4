package io.httpsignals.it.apps;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes many requests, abandoning every 100th response body without reading or closing it, then frees everything,
 * collects garbage and waits, so the test can count what the agent still holds. Also loads Apache HttpClient in a
 * throw-away class loader, makes requests with it, drops the loader and reports whether it was collected.
 * Args: {@code REQUESTS BASE_URL}.
 */
public final class LeakApp {

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        String base = args[1];
        HttpClient jdk = HttpClient.newHttpClient();
        int abandoned = 0;
        for (int i = 0; i < requests; i++) {
            boolean abandon = i % 100 == 99;
            String url = base + "/bytes?n=2000&i=" + i;
            if (i % 2 == 0) {
                HttpResponse<InputStream> r = jdk.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (!abandon) {
                    try (InputStream in = r.body()) {
                        in.readAllBytes();
                    }
                }
            } else {
                HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                InputStream in = c.getInputStream();
                if (!abandon) {
                    in.readAllBytes();
                    in.close();
                }
            }
            abandoned += abandon ? 1 : 0;
        }
        jdk = null;
        System.out.println("abandoned " + abandoned);
        System.out.println("loader-collected " + apacheLoaderIsCollected(base));
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to inspect this JVM
        }
    }

    /** Loads Apache HttpClient 5 in its own loader, makes requests, drops everything, and checks the loader is gone. */
    private static boolean apacheLoaderIsCollected(String base) throws Exception {
        WeakReference<ClassLoader> ref = useApacheInThrowAwayLoader(base);
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ref.get() == null;
    }

    private static WeakReference<ClassLoader> useApacheInThrowAwayLoader(String base) throws Exception {
        List<URL> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("httpclient5-") || name.startsWith("httpcore5-") || name.startsWith("slf4j-api")) {
                jars.add(Path.of(entry).toUri().toURL());
            }
        }
        URLClassLoader loader = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Class<?> clients = loader.loadClass("org.apache.hc.client5.http.impl.classic.HttpClients");
        Object client = clients.getMethod("createDefault").invoke(null);
        Class<?> get = loader.loadClass("org.apache.hc.client5.http.classic.methods.HttpGet");
        Class<?> utils = loader.loadClass("org.apache.hc.core5.http.io.entity.EntityUtils");
        Method execute = null;
        for (Method m : client.getClass().getMethods()) {
            if (m.getName().equals("executeOpen") && m.getParameterCount() == 3) {
                execute = m;
            }
        }
        for (int i = 0; i < 20; i++) {
            Object request = get.getConstructor(String.class).newInstance(base + "/hello?loader=" + i);
            Object response = execute.invoke(client, null, request, null);
            Object entity = response.getClass().getMethod("getEntity").invoke(response);
            utils.getMethod("consume", loader.loadClass("org.apache.hc.core5.http.HttpEntity")).invoke(null, entity);
            ((AutoCloseable) response).close();
        }
        ((AutoCloseable) client).close();
        loader.close();
        return new WeakReference<>(loader);
    }
}
