package dev.envboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.pool.EngineSpec;
import dev.envboard.ssh.ShellQuote;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The floor of one engine label change: the SSH commands and Engine API calls of Envboard's
 * EngineLabelWriter and DaemonJsonFile, with their scripts (folder lock, checked atomic replace,
 * backup), on an SSH session logged in once ({@link FloorSsh}; Envboard logs in for each change):
 * exec read daemon.json; {@code GET /info} (the labels before); exec the replace with the new file on
 * stdin; exec the reload command; {@code GET /info} at once and every 200 ms until the label shows;
 * exec the pruning of old backups and stale temp files.
 */
final class FloorLabelWrite {
    private static final long POLL_MILLIS = 200; // EngineLabelWriter.DEFAULT_POLL_INTERVAL
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String LOCK_FOLDER = """
            if command -v flock >/dev/null 2>&1 && exec 9<"$(dirname -- "$f")"; then
              flock -w 30 9 || { echo "another change of $f is still running on the host" >&2; exit 12; }
            fi
            """;
    private static final String REMOVE_TEMP_ON_EXIT = "trap 'rm -f -- \"$tmp\"' EXIT\n"
            + "trap 'rm -f -- \"$tmp\"; exit 129' HUP\ntrap 'rm -f -- \"$tmp\"; exit 141' PIPE\ntrap 'rm -f -- \"$tmp\"; exit 143' TERM";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FloorLabelWrite() {
    }

    /**
     * Sets {@code key=value} in the engine's daemon.json and returns once the engine shows it; each
     * step's time goes to {@code clock} as "label hosts: STEP" (summed over the hosts).
     */
    static void write(FloorSsh ssh, RawEngine api, EngineSpec engine, String key, String value, PhaseClock clock) throws Exception {
        String path = engine.daemonJson();
        byte[] before = ssh.exec(script(path, "[ -e \"$f\" ] || exit 3\nexec cat -- \"$f\""), null).ok("read daemon.json").out();
        clock.mark("label hosts: read");
        labels(api.get("/info").ok("info").body());
        clock.mark("label hosts: labels before");
        byte[] next = withLabel(before, key, value);
        String replace = """
                expected=%s
                backup="$f.envboard-backup-"%s
                tmp=$(mktemp "$f.envboard-tmp-XXXXXX")
                %s
                cat > "$tmp"
                got=$(sha256sum < "$tmp")
                [ "${got%%%% *}" = %s ] || { echo "the new content arrived incomplete" >&2; exit 10; }
                if [ -e "$f" ]; then now=$(sha256sum < "$f"); now=${now%%%% *}; else now=absent; fi
                [ "$now" = "$expected" ] || { echo "it changed since Envboard read it" >&2; exit 11; }
                if [ -e "$f" ]; then
                  cp -p -- "$f" "$backup"
                  chmod --reference="$f" -- "$tmp"
                  sync -- "$backup"
                else
                  chmod 644 -- "$tmp"
                  backup=
                fi
                sync -- "$tmp"
                mv -f -- "$tmp" "$f"
                trap - EXIT HUP PIPE TERM
                printf '%%s\\n' "$backup"
                """.formatted(ShellQuote.quote(sha256(before)), ShellQuote.quote(STAMP.format(Instant.now())), REMOVE_TEMP_ON_EXIT,
                ShellQuote.quote(sha256(next)));
        ssh.exec(script(path, replace), next).ok("replace daemon.json");
        clock.mark("label hosts: replace (backup, sync, rename)");
        ssh.exec(engine.reloadCommand(), null).ok("reload");
        clock.mark("label hosts: reload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!labels(api.get("/info").ok("info").body()).contains(key + "=" + value)) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's label " + key + "=" + value + " did not show on " + engine.displayName()
                        + " within 10 s of its reload");
            }
            Thread.sleep(POLL_MILLIS);
        }
        clock.mark("label hosts: until shown");
        ssh.exec(script(path, """
                now=$(date +%s)
                for t in "$f".envboard-tmp-*; do
                  [ -e "$t" ] || continue
                  if [ $((now - $(stat -c %Y -- "$t"))) -gt 600 ]; then rm -f -- "$t"; fi
                done
                set -- "$f".envboard-backup-*
                [ -e "$1" ] || exit 0
                n=$#
                for b do
                  [ "$n" -gt 5 ] || break
                  rm -f -- "$b"
                  n=$((n - 1))
                done
                """), null).ok("prune backups");
        clock.mark("label hosts: prune");
    }

    /** As DaemonJsonFile runs each script: under sh -c, with $f the real path of daemon.json, holding the folder lock. */
    private static String script(String path, String body) {
        String quoted = ShellQuote.quote(path);
        return "sh -c " + ShellQuote.quote("set -eu\nLC_ALL=C; export LC_ALL\nf=$(readlink -f -- " + quoted + ") || f=" + quoted + "\n"
                + LOCK_FOLDER + body);
    }

    private static List<String> labels(byte[] info) throws IOException {
        JsonNode labels = JSON.readTree(info).path("Labels");
        return labels.isArray() ? StreamSupport.stream(labels.spliterator(), false).map(JsonNode::asText).toList() : List.of();
    }

    private static byte[] withLabel(byte[] daemonJson, String key, String value) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(daemonJson);
        ArrayNode labels = JSON.createArrayNode();
        config.withArray("labels").forEach(l -> {
            if (!l.asText().startsWith(key + "=")) {
                labels.add(l.asText());
            }
        });
        labels.add(key + "=" + value);
        config.set("labels", labels);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
