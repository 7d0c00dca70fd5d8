package dev.envboard.deploy;

import dev.envboard.deploy.history.SkippedCheck;
import java.nio.file.Path;
import java.util.List;

/**
 * What a redeploy's validation says before anything is touched, for a confirmation to show.
 *
 * @param refusal   why the redeploy would be refused, or null when it may go ahead
 * @param stackFile the stack it would deploy, null when none was found
 * @param hosts     the environment's hosts it would deploy to
 * @param warnings  what the user should know although it does not stop the redeploy
 * @param skipped   checks that could not run: the redeploy goes past them only when the user accepts them
 * @param changes   what changes, per service: the image and digest running now and the new ones
 *                  ("web: …/demo:1 sha256:ab12… → …/demo:2 sha256:cd34…", or "unchanged")
 */
public record ValidationReport(String refusal, Path stackFile, List<String> hosts, List<String> warnings,
                               List<SkippedCheck> skipped, List<String> changes) {
    public ValidationReport {
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** A report that does not say what changes. */
    public ValidationReport(String refusal, Path stackFile, List<String> hosts, List<String> warnings,
                            List<SkippedCheck> skipped) {
        this(refusal, stackFile, hosts, warnings, skipped, List.of());
    }

    public boolean refused() {
        return refusal != null;
    }
}
