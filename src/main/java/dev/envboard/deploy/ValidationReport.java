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
 */
public record ValidationReport(String refusal, Path stackFile, List<String> hosts, List<String> warnings,
                               List<SkippedCheck> skipped) {
    public ValidationReport {
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }

    public boolean refused() {
        return refusal != null;
    }
}
