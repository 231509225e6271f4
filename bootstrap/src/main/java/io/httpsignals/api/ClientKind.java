package io.httpsignals.api;

/** The client kinds reported in {@link RequestTrace#client()}; these strings are a public contract. */
public final class ClientKind {
    /** {@code java.net.http.HttpClient}, {@code send} and {@code sendAsync}. */
    public static final String JDK_HTTPCLIENT = "jdk-httpclient";
    /** {@code java.net.HttpURLConnection} and {@code javax.net.ssl.HttpsURLConnection}. */
    public static final String JDK_URLCONNECTION = "jdk-urlconnection";
    /** Apache HttpClient 5.x, classic (blocking) API. */
    public static final String APACHE_HTTPCLIENT5 = "apache-httpclient5";
    /** Apache HttpClient 5.x, async API. */
    public static final String APACHE_HTTPCLIENT5_ASYNC = "apache-httpclient5-async";
    /** Apache HttpClient 4.5. */
    public static final String APACHE_HTTPCLIENT4 = "apache-httpclient4";

    private ClientKind() {
    }
}
