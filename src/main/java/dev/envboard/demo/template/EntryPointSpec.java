package dev.envboard.demo.template;

/**
 * Where a demo is opened: a port the service publishes on its host, e.g. {@code web:8080}
 * titled "Web shop". The link is {@code http://HOST_ADDRESS:PORT/PATH}.
 *
 * @param path what follows the port, starting with "/" ("/" by default)
 * @param line line of the entry point in template.yaml, for messages
 */
public record EntryPointSpec(String service, int port, String title, String path, int line) {

    /** {@code service:port}, as template.yaml writes it. */
    public String target() {
        return service + ":" + port;
    }
}
