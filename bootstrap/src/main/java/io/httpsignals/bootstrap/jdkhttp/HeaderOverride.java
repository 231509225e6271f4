package io.httpsignals.bootstrap.jdkhttp;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The filter for {@code HttpRequest.newBuilder(request, filter)} that drops the headers a listener replaces, so
 * the advice can copy the application's request with the injected headers (advice cannot contain lambdas).
 */
public final class HeaderOverride implements BiPredicate<String, String> {

    private final Map<String, List<String>> injected;

    public HeaderOverride(Map<String, List<String>> injected) {
        this.injected = injected;
    }

    @Override
    public boolean test(String name, String value) {
        return !injected.containsKey(name);
    }
}
