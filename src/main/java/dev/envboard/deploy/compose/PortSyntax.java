package dev.envboard.deploy.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * The short port syntax, {@code [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]}; a range like
 * {@code 8000-8002:8000-8002} becomes one mapping per port.
 */
final class PortSyntax {
    /** hostIp is "" when none was written. */
    record Parsed(List<PortMapping> ports, String hostIp) {
    }

    private PortSyntax() {
    }

    static Parsed parse(String text) {
        String rest = text.trim();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("empty port");
        }
        String protocol = "tcp";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            protocol = protocol(rest.substring(slash + 1));
            rest = rest.substring(0, slash);
        }
        int lastColon = rest.lastIndexOf(':');
        String target = rest.substring(lastColon + 1);
        String published = "";
        String hostIp = "";
        if (lastColon >= 0) {
            String front = rest.substring(0, lastColon);
            int colon = front.lastIndexOf(':');
            published = front.substring(colon + 1);
            hostIp = colon < 0 ? "" : front.substring(0, colon);
        }
        int[] targets = range(target);
        int[] publishedPorts = published.isEmpty() ? null : range(published);
        if (publishedPorts != null && publishedPorts.length != targets.length) {
            throw new IllegalArgumentException(targets.length == 1
                    ? "a published range for one container port is not supported: \"" + text + "\""
                    : "the published and container ranges differ in length: \"" + text + "\"");
        }
        List<PortMapping> ports = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            ports.add(new PortMapping(publishedPorts == null ? 0 : publishedPorts[i], targets[i], protocol, "ingress"));
        }
        return new Parsed(ports, hostIp);
    }

    static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a port number (1-65535): \"" + text + "\"");
    }

    static String protocol(String text) {
        String protocol = text.trim().toLowerCase();
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("the protocol must be tcp or udp, not \"" + text + "\"");
        }
        return protocol;
    }

    private static int[] range(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return new int[] {port(text)};
        }
        int first = port(text.substring(0, dash));
        int last = port(text.substring(dash + 1));
        if (last < first) {
            throw new IllegalArgumentException("the range ends before it starts: \"" + text + "\"");
        }
        int[] ports = new int[last - first + 1];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = first + i;
        }
        return ports;
    }
}
