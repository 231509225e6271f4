package io.httpsignals.bootstrap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Formats socket addresses the one way every output shows them: {@code 127.0.0.1:8080}, {@code [::1]:8443}. */
public final class Addresses {

    private Addresses() {
    }

    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            InetAddress ip = inet.getAddress();
            String host = ip != null ? ip.getHostAddress() : inet.getHostString();
            return format(host, inet.getPort());
        }
        return address == null ? null : address.toString();
    }

    public static String format(InetAddress ip, int port) {
        return format(ip.getHostAddress(), port);
    }

    public static String format(String host, int port) {
        int percent = host.indexOf('%');
        String bare = percent >= 0 ? host.substring(0, percent) : host;
        return bare.indexOf(':') >= 0 ? "[" + bare + "]:" + port : bare + ":" + port;
    }
}
