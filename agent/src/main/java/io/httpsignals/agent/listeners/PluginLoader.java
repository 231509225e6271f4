package io.httpsignals.agent.listeners;

import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.bootstrap.AgentLog;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads listener providers from the plugin jars the operator named in {@code httpsignals.plugins}. Each jar gets
 * its own class loader whose parent is the platform loader: it sees the JDK and (through boot delegation) the
 * public API on the bootstrap path, and nothing of the agent's internals, of the application, or of other plugins.
 */
public final class PluginLoader {

    /** A provider and the jar it came from. */
    public record PluginProvider(HttpSignalListenerProvider provider, Path jar) {
    }

    private PluginLoader() {
    }

    public static List<PluginProvider> load(List<String> paths) {
        List<PluginProvider> found = new ArrayList<>();
        for (String entry : paths) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> jars = Files.list(path)) {
                    jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                            .forEach(jar -> loadJar(jar, found));
                } catch (IOException e) {
                    AgentLog.warn("plugin folder " + path + " cannot be read (" + e + "); its plugins are skipped");
                }
            } else {
                loadJar(path, found);
            }
        }
        return found;
    }

    private static void loadJar(Path jar, List<PluginProvider> found) {
        if (!Files.isRegularFile(jar)) {
            AgentLog.warn("plugin jar " + jar + " does not exist; fix httpsignals.plugins (it names jar files "
                    + "and folders of jars, comma-separated)");
            return;
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opened only to reject a corrupt file with a clear reason before class loading fails obscurely
        } catch (IOException e) {
            AgentLog.warn("plugin jar " + jar + " is not a readable jar (" + e.getMessage() + "); it is skipped");
            return;
        }
        int before = found.size();
        boolean reported = false;
        try {
            URLClassLoader loader = new PluginClassLoader(jar);
            Iterator<HttpSignalListenerProvider> it =
                    ServiceLoader.load(HttpSignalListenerProvider.class, loader).iterator();
            // a bad entry fails one step of the iteration; keep going so the jar's other providers still load
            for (int guard = 0; guard < 1000; guard++) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(new PluginProvider(it.next(), jar));
                } catch (ServiceConfigurationError | LinkageError e) {
                    AgentLog.warn("plugin jar " + jar + describe(e) + "; that provider is skipped");
                    reported = true;
                }
            }
        } catch (Throwable e) {
            AgentLog.warn("plugin jar " + jar + " could not be loaded (" + e + "); it is skipped");
            reported = true;
        }
        // one line per problem: a jar whose only entry was bad has been reported already
        if (found.size() == before && !reported) {
            AgentLog.warn("plugin jar " + jar + " provides no listener (it needs META-INF/services/"
                    + HttpSignalListenerProvider.class.getName() + ")");
        }
    }

    /**
     * A plugin's own loader. Its parent is the platform loader, so the application's classes, the agent core and
     * other plugins stay invisible; the bootstrap jar is on the boot path, though, so the bus and other internals
     * next to the public API are refused here by name, leaving {@code io.httpsignals.api} as the plugin's contract.
     */
    static final class PluginClassLoader extends URLClassLoader {

        static final String INTERNALS = "io.httpsignals.bootstrap.";

        static {
            registerAsParallelCapable();
        }

        PluginClassLoader(Path jar) throws IOException {
            super("httpsignals-plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(INTERNALS)) {
                throw new ClassNotFoundException(name + " is internal to the httpsignals agent; plugins may use "
                        + "only io.httpsignals.api");
            }
            return super.loadClass(name, resolve);
        }
    }

    /** ServiceLoader reports a provider whose constructor threw like a bad entry; tell them apart. */
    private static String describe(Throwable e) {
        if (e instanceof ServiceConfigurationError && e.getCause() != null
                && String.valueOf(e.getMessage()).contains("could not be instantiated")) {
            Throwable thrown = e.getCause();
            return "'s provider failed in its constructor (" + thrown + ")";
        }
        return " has a bad service entry (" + rootMessage(e) + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root;
    }

}
