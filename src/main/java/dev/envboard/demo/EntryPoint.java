package dev.envboard.demo;

/**
 * Where a demo is opened, e.g. "Web shop" at {@code http://10.254.77.21:8080/}.
 *
 * @param target {@code service:port} as the template names it
 * @param url    {@code http://HOST_ADDRESS:PORT/PATH} of the host that runs the service; null when
 *               no running container of it (or no address of its host) was found
 * @param host   display name of the host that runs it; null with the url
 */
public record EntryPoint(String title, String target, String url, String host) {
}
